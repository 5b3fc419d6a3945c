"""Simulasi: bagaimana jika bobot pilar atau nilai indikator diubah? Skenario saja — data
tersimpan tidak pernah diubah. Pilihan disimpan per kerangka dan dicerminkan di URL
(bobot, ubah, sebaran) supaya tautan mereproduksi skenario."""
import streamlit as st

import ui_common as ui
from berdaya_core.views import simulasi as sim

f = ui.filters()
opts = ui.view(sim.options, fw=f.fw)
defaults = {p["id"]: p["weight"] for p in opts["pillars"]}
region_names = dict(opts["regions"])
indicators = {i["id"]: i for i in opts["indicators"]}

# Choices live per framework outside the widget keys (so they survive a visit to another
# page). A shared link seeds them once, for the framework the session started with.
state = st.session_state.setdefault("sim_state", {})
link_fw = st.session_state.setdefault("sim_link_fw", f.fw)
if f.fw not in state:
    link = link_fw == f.fw
    w0, bad_w = sim.parse_bobot(st.query_params.get("bobot") if link else None, defaults)
    ubah0, bad_u = sim.parse_ubah(st.query_params.get("ubah") if link else None)
    state[f.fw] = {"w": w0, "ubah": ubah0, "bad": bad_w + bad_u,
                   "sebaran": sim.parse_sebaran(st.query_params.get("sebaran") if link else None)}
S = state[f.fw]
wkey = {pid: f"sim_w_{f.fw}_{pid}" for pid in defaults}
for pid, key in wkey.items():
    st.session_state.setdefault(key, S["w"][pid])
skey = f"sim_sebaran_{f.fw}"
st.session_state.setdefault(skey, S["sebaran"])


def _reset_weights():
    for pid, key in wkey.items():
        st.session_state[key] = defaults[pid]
        S["w"][pid] = defaults[pid]


def _add():
    item = {"region_code": st.session_state[f"sim_add_wil_{f.fw}"],
            "indicator": st.session_state[f"sim_add_ind_{f.fw}"],
            "year": int(st.session_state[f"sim_add_thn_{f.fw}"]),
            "amount": float(st.session_state[f"sim_add_nilai_{f.fw}"]),
            "mode": st.session_state[f"sim_add_jenis_{f.fw}"]}
    err = sim.check_override(opts, item, f.regions)
    st.session_state[f"sim_msg_{f.fw}"] = err
    if err is None:
        S["ubah"] = sim.with_override(S["ubah"], item)


def _delete(i: int):
    S["ubah"] = S["ubah"][:i] + S["ubah"][i + 1:]


def _clear():
    S["ubah"] = []
    S["bad"] = []


st.title("Simulasi: bagaimana jika?")
st.caption(f"Ubah bobot pilar atau nilai indikator dan lihat langsung dampaknya pada {opts['composite_name']} "
           f"dan peringkat {opts['level']} tahun {f.year}. Semua perubahan hanya berlaku di skenario ini: "
           "data tersimpan tidak diubah.")
ui.illustrative_badge(opts["illustrative"])
summary_box = st.container()
if S["bad"]:
    st.warning("Sebagian isi tautan tidak bisa dibaca dan diabaikan: " + "; ".join(S["bad"]),
               icon=":material/link_off:")

left, right = st.columns([2, 3], gap="large")
with left:
    st.subheader("Bobot pilar")
    st.caption("×0 = pilar tidak dihitung; ×1 = bobot asli kerangka; ×2 = dua kali lebih penting.")
    for p in opts["pillars"]:
        S["w"][p["id"]] = st.select_slider(p["nama"], options=sim.WEIGHT_STEPS, key=wkey[p["id"]],
                                           format_func=sim.weight_label)
    st.button("Kembalikan bobot asli", on_click=_reset_weights, icon=":material/restart_alt:",
              key=f"sim_reset_{f.fw}")

with right:
    st.subheader("Perubahan nilai")
    c1, c2 = st.columns(2)
    first_region = f.regions[0] if f.regions else opts["regions"][0][0]
    c1.selectbox("Wilayah", list(region_names), key=f"sim_add_wil_{f.fw}", format_func=region_names.get,
                 index=list(region_names).index(first_region))
    c2.selectbox("Indikator", list(indicators), key=f"sim_add_ind_{f.fw}",
                 format_func=lambda i: indicators[i]["nama"])
    c3, c4, c5 = st.columns([1, 2, 2])
    years = opts["years"]
    c3.selectbox("Tahun", years[::-1], key=f"sim_add_thn_{f.fw}",
                 index=years[::-1].index(f.year) if f.year in years else 0)
    c4.radio("Jenis", list(sim.MODES), key=f"sim_add_jenis_{f.fw}", format_func=sim.MODES.get)
    c5.number_input("Perubahan (±) atau nilai baru", value=-1.0, step=0.5, format="%.2f",
                    key=f"sim_add_nilai_{f.fw}",
                    help="Untuk 'Tambah/kurangi': −1 berarti turun 1 poin (satuan indikator). "
                         "Untuk 'Tetapkan nilai baru': nilai pengganti.")
    st.caption(sim.describe_choice(opts, st.session_state[f"sim_add_wil_{f.fw}"],
                                   st.session_state[f"sim_add_ind_{f.fw}"],
                                   st.session_state[f"sim_add_thn_{f.fw}"]))
    st.button("Tambahkan perubahan", on_click=_add, type="primary", icon=":material/add:",
              key=f"sim_add_{f.fw}")
    if st.session_state.get(f"sim_msg_{f.fw}"):
        st.error(st.session_state[f"sim_msg_{f.fw}"], icon=":material/error:")

res = ui.view(sim.simulate, fw=f.fw, year=f.year, weights=S["w"], overrides=S["ubah"],
              regions=list(f.regions), spread=st.session_state[skey])

with right:
    if S["ubah"]:
        box = st.container(border=True)
        for i, row in enumerate(res["overrides"]):
            a, b = box.columns([9, 1], vertical_alignment="center")
            a.markdown(("❌ " if row["error"] else "• ") + row["label"])
            b.button("", key=f"sim_del_{f.fw}_{i}", on_click=_delete, args=(i,), icon=":material/delete:",
                     help="Hapus perubahan ini")
        st.button("Hapus semua perubahan", on_click=_clear, key=f"sim_clear_{f.fw}",
                  icon=":material/delete_sweep:")
    else:
        st.caption("Belum ada perubahan nilai. Pilih wilayah, indikator dan tahun, isi besar perubahan "
                   "(mis. −1), lalu klik 'Tambahkan perubahan'. Bisa lebih dari satu.")

summary_box.info(res["summary"], icon=":material/science:")
if not res["ok"]:
    for e in res["errors"]:
        summary_box.error(e, icon=":material/error:")
else:
    st.subheader(f"Dampak pada skor dan peringkat {f.year}")
    for col, k in zip(st.columns(len(res["kpis"])), res["kpis"]):
        with col.container(border=True):
            st.metric(k["label"], k["value"], help=k["help"])
            st.caption(k["caption"])
    for note in res["notes"]:
        st.caption(note)

    ui.illustrative_badge(res["illustrative"])
    ui.chart(res["fig_impact"], key="sim_fig_impact")
    st.dataframe(res["table"], hide_index=True, key="sim_table",
                 height=min(35 * (len(res["table"]) + 1) + 3, 720),
                 column_config={"Wilayah": st.column_config.TextColumn(width=190)})
    if len(res["pillar_effects"]):
        st.markdown("**Dampak langsung perubahan nilai pada skor pilar**")
        st.dataframe(res["pillar_effects"], hide_index=True, key="sim_pillars")
    st.caption(res["source"] + f" Versi data {res['data_version'][:8]}.")
    ui.downloads(res["download"], f"simulasi_{f.fw}_{f.year}", key="sim_dl")

    st.subheader("Seberapa kokoh peringkat ini? (uji kepekaan bobot)")
    S["sebaran"] = st.select_slider(
        "Sebaran acak bobot pilar", options=sim.SPREADS, key=skey,
        format_func=sim.spread_label,
        help="Setiap bobot pilar dikalikan faktor acak dalam rentang ini, 500 kali.")
    ui.chart(res["fig_sensitivity"], key="sim_fig_sens")
    st.markdown(res["sensitivity_text"])

# Mirror the scenario in the URL so the link reproduces it.
st.session_state["bobot"] = sim.format_bobot(S["w"], defaults)
st.session_state["ubah"] = sim.format_ubah(S["ubah"])
st.session_state["sebaran"] = sim.format_sebaran(S["sebaran"])
ui.push_url("bobot", "ubah", "sebaran")
