import streamlit as st

import ui_common as ui

st.title("Impor data")
st.markdown(
    "Ganti **data ilustrasi** dengan data resmi instansi Anda. Berkas CSV atau XLSX berformat "
    "panjang: satu baris per wilayah × indikator × tahun dengan kolom `region_code` (kode Kemendagri, "
    "mis. `33.07.02`), `indicator` (id dari katalog di halaman Data & Metodologi), `year`, `value`, "
    "dan sebaiknya `source` (instansi, dokumen, tanggal). Data yang tidak ada: hapus barisnya, "
    "jangan diisi 0.")
st.markdown(
    "Seluruh berkas diperiksa lebih dulu; bila ada satu kesalahan, **tidak ada yang disimpan**. "
    "Berkas yang lolos disimpan di `data/impor/` dan nilainya menggantikan data ilustrasi untuk "
    "wilayah, indikator dan tahun yang sama.")
st.download_button("Unduh contoh berkas (CSV)", ui.import_template(), file_name="contoh_impor_berdaya.csv",
                   mime="text/csv", key="impor_template", icon=":material/download:")

with st.form("impor_form", clear_on_submit=False):
    upload = st.file_uploader("Berkas data (CSV/XLSX)", type=["csv", "xlsx"], key="impor_file")
    batch = st.text_input("Nama batch", placeholder="mis. dinsos_wonosobo_2025", key="impor_batch",
                          help="Huruf kecil, angka dan garis bawah; nama berkas yang disimpan.")
    submitted = st.form_submit_button("Periksa dan impor", type="primary")

if submitted:
    if upload is None:
        st.error("Pilih berkas terlebih dahulu.")
    else:
        report = ui.run_import(upload.name, upload.getvalue(), batch)
        if report["ok"]:
            st.success(f"{report['rows']} baris diimpor ke `{report['path']}`; "
                       f"{report['replaces_illustrative']} di antaranya menggantikan data ilustrasi. "
                       "Basis data telah dibangun ulang.")
        else:
            st.error("Impor dibatalkan, tidak ada yang disimpan:\n\n"
                     + "\n".join("- " + e for e in report["errors"]))
