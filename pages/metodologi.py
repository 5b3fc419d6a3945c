"""Data & Metodologi: katalog indikator, metode, spesifikasi kerangka, sumber dan lisensi,
versi data, serta unduhan skor dan semua nilai dalam cakupan."""
import streamlit as st

import ui_common as ui
from berdaya_core import formatting as fmt
from berdaya_core.views import metodologi

f = ui.filters()
st.title("Data & Metodologi")
st.caption("Dari mana setiap angka berasal, bagaimana dihitung, dan apa saja yang bisa diunduh. "
           "Semua penjelasan di sini menggambarkan perhitungan yang benar-benar dipakai dasbor.")

tab_cat, tab_met, tab_fw, tab_src, tab_data = st.tabs(
    ["Katalog indikator", "Metode", "Kerangka & langkah hitung", "Sumber & lisensi", "Skor & data"])
with tab_cat:
    c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
    cari = c1.text_input("Cari indikator", key="met_cari",
                         placeholder="mis. kemiskinan, BPS, stunting, ilustrasi, kecamatan")
    hanya = c2.toggle("Hanya indikator kerangka terpilih", key="met_kerangka")

d = ui.view(metodologi.overview, fw=f.fw, year=f.year, regions=list(f.regions), cari=cari,
            hanya_kerangka=hanya)
spec = d["spec"]

with tab_cat:
    st.caption(f"{d['n_shown']} dari {d['n_catalogue']} indikator. Tahun dan tingkat wilayah dihitung dari "
               "nilai yang benar-benar tersimpan. Arahkan kursor ke sel untuk membaca teks lengkap.")
    if d["n_illustrative_shown"]:
        ui.illustrative_badge(True)
        st.caption(f"{d['n_illustrative_shown']} indikator di daftar ini berisi data ilustrasi "
                   "(lihat kolom Jenis data): bukan data resmi.")
    if d["n_shown"] == 0:
        st.info("Tidak ada indikator yang cocok. Coba kata lain atau matikan saringan kerangka.")
    else:
        st.dataframe(d["catalogue"], hide_index=True, key="met_katalog", height=560,
                     column_config={"Indikator": st.column_config.TextColumn(width=300),
                                    "Definisi": st.column_config.TextColumn(width="large"),
                                    "Sumber": st.column_config.TextColumn(width="medium"),
                                    "Dipakai di kerangka": st.column_config.TextColumn(width="medium")})
        ui.downloads(d["catalogue_download"], "katalog_indikator", key="met_dl_katalog")

with tab_met:
    for sec in d["methods"]:
        st.markdown(f"#### {sec['judul']}")
        st.markdown(sec["isi"])
        if sec.get("tabel"):
            st.table(d[sec["tabel"]], hide_index=True, border="horizontal")

with tab_fw:
    st.subheader(spec["nama"])
    ui.illustrative_badge(spec["illustrative"])
    st.markdown(spec["deskripsi"])
    st.markdown(f"**Cakupan:** {spec['scope']}  \n**Skor komposit:** {spec['composite_name']}  \n"
                f"**Berkas:** `{spec['file']}` · sidik spesifikasi `{spec['digest']}`")
    st.markdown("**Pilar dan bobot**")
    st.table(spec["pillars"], hide_index=True, border="horizontal")
    st.markdown("**Indikator, arah baik dan batas normalisasi**")
    st.caption("Batas normalisasi (goalposts) yang tidak diterbitkan BPS adalah asumsi tim Berdaya.")
    st.table(spec["indicators"], hide_index=True, border="horizontal")
    st.markdown("**Target**")
    if len(spec["targets"]):
        st.caption(f"{spec['n_assumed']} dari {spec['n_targets']} target adalah asumsi tim Berdaya, bukan target "
                   "resmi; ganti dengan target resmi bila sudah ada.")
        st.table(spec["targets"], hide_index=True, border="horizontal")
    else:
        st.caption("Kerangka ini tidak menetapkan target.")
    st.markdown("**Langkah hitung**")
    st.table(spec["steps"], hide_index=True, border="horizontal")
    if spec["context"]:
        st.markdown("**Indikator konteks** (ditampilkan, tidak masuk skor): " + "; ".join(spec["context"]))
    if spec["notes"]:
        st.markdown("**Catatan kerangka**\n" + "\n".join("- " + n for n in spec["notes"]))
    st.markdown("**Catatan langkah hitung (hasil perhitungan terakhir)**")
    st.caption("Jumlah baris yang dihasilkan setiap langkah mesin untuk semua wilayah dan tahun kerangka ini.")
    st.table(spec["step_log"], hide_index=True, border="horizontal")

with tab_src:
    st.markdown(d["sources_md"])
    st.markdown("**Berkas lisensi:** " + ", ".join(f"`data/licenses/{n}`" for n in d["licences"]))
    st.markdown(f"**Versi data:** `{d['data_version']}` (sidik semua berkas masukan; berubah bila ada data baru)")
    st.markdown("**Batch data yang dimuat**")
    st.caption("Bila baris yang sama (wilayah, indikator, tahun) ada di dua berkas, berkas pertama dalam urutan "
               "muat yang dipakai; karena itu 'Nilai dimuat' bisa lebih kecil dari 'Baris di berkas'.")
    st.table(d["batches"], hide_index=True, border="horizontal")

with tab_data:
    st.subheader(f"{spec['composite_name']} {d['year']}")
    ui.illustrative_badge(d["illustrative"])
    if not d["year_ok"]:
        st.info(f"Tidak ada skor untuk tahun {d['year']}. Tahun yang ada: "
                + ", ".join(map(str, d["years"])) + ".")
    else:
        st.dataframe(d["scores"], hide_index=True, key="met_skor",
                     height=min(36 * (len(d["scores"]) + 1) + 3, 1000))
        st.caption(d["source"])
        ui.downloads(d["scores_download"], f"skor_{d['fw_id']}_{d['year']}", key="met_dl_skor")
    st.subheader("Semua nilai tersimpan dalam cakupan")
    st.caption(f"{fmt.angka(len(d['observations']), 0)} nilai untuk {d['n_regions']} {d['level']} kerangka ini"
               + (" (hanya indikator yang cocok dengan pencarian katalog)" if cari or hanya else "")
               + ", semua tahun, dengan sumber setiap nilai. Nilai 'belum terverifikasi' dan "
               "'data ilustrasi' ditandai di kolom Jenis data.")
    st.dataframe(d["observations"], hide_index=True, key="met_obs", height=420)
    ui.downloads(d["observations_download"], f"nilai_{d['fw_id']}", key="met_dl_obs")
