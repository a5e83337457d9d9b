"""Name material for the demo city: Acehnese, Pakpak/Singkil and other names common in
Subulussalam, with the academic titles that go with each profession."""

MALE_NAMES = [
    "Muhammad", "Ahmad", "Abdul", "Rahmat", "Zulkifli", "Khairul", "Syahrial", "Irwan", "Fadli", "Hendra",
    "Ridwan", "Saiful", "Teuku Rizal", "Mahmud", "Amiruddin", "Bakhtiar", "Darmawan", "Edi", "Faisal",
    "Hasanuddin", "Iskandar", "Jamaluddin", "Kamaruddin", "Lukman", "Mukhlis", "Nasrul", "Rizki", "Sabri",
    "Taufik", "Usman", "Wahyu", "Yusri", "Zainal", "Azhari", "Buchari", "Dedi", "Erwin", "Fauzan",
    "Hamdani", "Ikhsan", "Juanda", "Mansur", "Nurdin", "Rahmadi", "Sulaiman", "Tarmizi", "Yuliadi",
    "Safrizal", "Munawar", "Armia", "Samsul", "Jufri", "Anwar", "Rusli", "Salman", "Hidayat",
]
FEMALE_NAMES = [
    "Siti", "Nur", "Fitri", "Rahmah", "Nurhayati", "Cut Mutia", "Dewi", "Eka", "Fatimah", "Hasanah",
    "Intan", "Juliana", "Khairunnisa", "Lailan", "Maryam", "Nurul", "Rahmawati", "Sri", "Suryani",
    "Titin", "Ulfa", "Wahyuni", "Yusnidar", "Zahara", "Aisyah", "Cut Nyak", "Dian", "Erna", "Farida",
    "Hafsah", "Irma", "Jamilah", "Kartini", "Linda", "Mardiana", "Nova", "Putri", "Rosmawati",
    "Safrida", "Tuti", "Yuni", "Zuraida", "Asmawati", "Murni", "Halimah", "Rohani", "Salmiah", "Elvi",
]
SECOND_NAMES = [
    "Hidayat", "Saputra", "Rahman", "Fitriani", "Yanti", "Wati", "Sari", "Lestari", "Ramadhan", "Putra",
    "Husna", "Fadillah", "Rizal", "Akbar", "Hakim", "Syahputra", "Maulana", "Aini", "Ulya", "Zahra",
]
# Marga of the Pakpak and Singkil people of Subulussalam, and a few Batak and Acehnese ones.
FAMILY_NAMES = [
    "Berutu", "Bancin", "Boangmanalu", "Cibro", "Kombih", "Padang", "Manik", "Solin", "Tinendung", "Angkat",
    "Sinamo", "Lembeng", "Capah", "Ujung", "Tumangger", "Sambo", "Kudadiri", "Pinem", "Maha", "Bako",
    "Lingga", "Harahap", "Siregar", "Nasution", "Lubis", "Pohan", "Sitohang", "Munthe", "Sitakar", "Gajah",
]

TITLES = {
    "teacher": ["S.Pd.", "S.Pd.", "S.Pd.", "S.Pd.I.", "S.Pd.SD", "M.Pd.", "S.Ag.", "S.Si."],
    "early_teacher": ["S.Pd.", "S.Pd.AUD", "S.Psi."],
    "nurse": ["S.Kep., Ns.", "A.Md.Kep.", "A.Md.Kep."],
    "midwife": ["A.Md.Keb.", "S.Tr.Keb.", "A.Md.Keb."],
    "doctor": ["M.Ked"],  # doctors carry "dr." before the name
    "health": ["S.KM.", "A.Md.Gz.", "S.Farm., Apt.", "A.Md.AK."],
    "admin": ["S.E.", "S.H.", "S.Sos.", "S.IP.", "S.STP", "S.AP.", "S.Kom.", "S.T.", "M.Si.", "S.H., M.H.", "S.E., M.M.", ""],
    "staff": ["", "", "", "A.Md.", "S.E.", "S.Sos.", "S.Kom."],
    "leader": ["S.E., M.Si.", "S.H., M.H.", "S.Pd., M.Pd.", "S.T., M.T.", "S.Sos., M.AP.", "S.STP, M.Si."],
}
