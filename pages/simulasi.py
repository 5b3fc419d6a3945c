import streamlit as st
st.title("(sedang dibangun)")
