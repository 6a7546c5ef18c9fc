"""Gazetteer: destination countries, resorts and departure cities with their spellings.

Canonical names are English (``"Turkey"``, ``"Nha Trang"``, ``"Almaty"``); aliases are
normalised Russian, Kazakh and Latin spellings (see :mod:`crystalbay.rules.lexicon`).
"""

from __future__ import annotations

from crystalbay.rules.lexicon import Lexicon

__all__ = ["CITIES", "COUNTRIES", "RESORTS", "RESORT_COUNTRY"]

_COUNTRIES: dict[str, str] = {
    "Turkey": "турци*|турцы*|турки*|турецк*|turkey|turkiye|turkish",
    "Egypt": "египет*|египт*|egypt*|мысыр*",
    "UAE": "оаэ|эмират*|uae|emirates|араб эмират*",
    "Thailand": "таиланд*|тайланд*|thailand*|тай|тае|таю",
    "Vietnam": "вьетнам*|виетнам*|vietnam*|вьет",
    "Maldives": "мальдив*|малдив*|maldives",
    "Sri Lanka": "шри ланк*|шриланк*|sri lanka|srilanka|цейлон*",
    "Indonesia": "индонези*|indonesia",
    "China": "китай*|китае|china",
    "Georgia": "грузи*|georgia",
    "Montenegro": "черногори*|montenegro",
    "Cyprus": "кипр*|cyprus",
    "Greece": "греци*|greece",
    "Spain": "испани*|spain",
    "Italy": "итали*|italy",
    "Tunisia": "тунис*|tunisia",
    "Qatar": "катар|катаре|катара|qatar",
    "India": "индия|индию|индии|india",
    "Malaysia": "малайзи*|malaysia",
    "Uzbekistan": "узбекистан*|uzbekistan",
    "Kyrgyzstan": "кыргызстан*|киргизи*|kyrgyzstan",
    "Azerbaijan": "азербайджан*|azerbaijan",
    "Armenia": "армени*|armenia",
    "Russia": "росси*|russia",
    "France": "франци*|france",
    "Mauritius": "маврики*|mauritius",
    "Seychelles": "сейшел*|seychelles",
    "Dominican Republic": "доминикан*|dominican*",
    "Cuba": "куба|кубу|кубе|cuba",
    "Mexico": "мексик*|mexico",
    "Japan": "япони*|japan",
    "South Korea": "корея|корею|корее|korea",
    "Oman": "оман|омане|oman",
    "Jordan": "иордани*|jordan",
    "Israel": "израил*|israel",
    "Tanzania": "танзани*|tanzania",
    "Singapore": "сингапур*|singapore",
    "Philippines": "филиппин*|philippines",
    "Morocco": "марокко|morocco",
    "Portugal": "португали*|portugal",
    "Czech Republic": "чехи*|czech*",
    "Bulgaria": "болгари*|bulgaria",
    "Albania": "албани*|albania",
}

_RESORTS: dict[str, tuple[str, str]] = {
    "Antalya": ("Turkey", "антал*|antalya"),
    "Alanya": ("Turkey", "алани*|аланья*|алань*|alanya"),
    "Kemer": ("Turkey", "кемер*|kemer"),
    "Belek": ("Turkey", "белек*|belek"),
    "Side": ("Turkey", "сиде|сиду"),
    "Bodrum": ("Turkey", "бодрум*|bodrum"),
    "Marmaris": ("Turkey", "мармарис*|marmaris"),
    "Istanbul": ("Turkey", "стамбул*|istanbul"),
    "Fethiye": ("Turkey", "фетхи*|fethiye"),
    "Hurghada": ("Egypt", "хургад*|hurghada"),
    "Sharm El Sheikh": ("Egypt", "шарм*|sharm*"),
    "Makadi Bay": ("Egypt", "макади|makadi"),
    "El Gouna": ("Egypt", "эль гун*|el gouna"),
    "Marsa Alam": ("Egypt", "марса алам*|marsa alam"),
    "Dubai": ("UAE", "дубай*|дубае|дубаи|дубаю|dubai"),
    "Abu Dhabi": ("UAE", "абу даби|абудаби|abu dhabi"),
    "Sharjah": ("UAE", "шардж*|sharjah"),
    "Ras Al Khaimah": ("UAE", "рас аль хайм*|рас эль хайм*|ras al khaimah"),
    "Fujairah": ("UAE", "фуджейр*|fujairah"),
    "Phuket": ("Thailand", "пхукет*|пукет*|phuket"),
    "Pattaya": ("Thailand", "паттай*|патай*|pattaya"),
    "Koh Samui": ("Thailand", "самуи|самуй|samui"),
    "Krabi": ("Thailand", "краби|krabi"),
    "Bangkok": ("Thailand", "бангкок*|bangkok"),
    "Nha Trang": ("Vietnam", "нячанг*|нячонг*|нья чанг*|ня чанг*|nha trang|nhatrang"),
    "Phu Quoc": ("Vietnam", "фукуок*|фукок*|фу куок*|phu quoc|phuquoc"),
    "Da Nang": ("Vietnam", "дананг*|да нанг*|da nang|danang"),
    "Cam Ranh": ("Vietnam", "камрань*|кам рань*|cam ranh"),
    "Phan Thiet": ("Vietnam", "фантьет*|фан тьет*|phan thiet|муйне|mui ne"),
    "Bali": ("Indonesia", "бали|bali"),
    "Hainan": ("China", "хайнан*|hainan|санья|sanya"),
    "Batumi": ("Georgia", "батуми|batumi"),
    "Tbilisi": ("Georgia", "тбилиси|tbilisi"),
    "Budva": ("Montenegro", "будв*|budva"),
    "Ayia Napa": ("Cyprus", "айя напа|ayia napa"),
    "Larnaca": ("Cyprus", "ларнак*|larnaca"),
    "Limassol": ("Cyprus", "лимассол*|limassol"),
    "Crete": ("Greece", "крит|крите|крита|криту|crete"),
    "Rhodes": ("Greece", "родос*|rhodes"),
    "Barcelona": ("Spain", "барселон*|barcelona"),
    "Tenerife": ("Spain", "тенериф*|tenerife"),
    "Rome": ("Italy", "рим|риме|rome"),
    "Hammamet": ("Tunisia", "хаммамет*|hammamet"),
    "Doha": ("Qatar", "доха|дохе|doha"),
    "Goa": ("India", "гоа|goa"),
    "Samarkand": ("Uzbekistan", "самарканд*|samarkand"),
    "Issyk-Kul": ("Kyrgyzstan", "иссык кул*|иссыккул*|issyk kul"),
    "Baku": ("Azerbaijan", "баку|baku"),
    "Sochi": ("Russia", "сочи|sochi"),
    "Paris": ("France", "париж*|paris"),
    "Cancun": ("Mexico", "канкун*|cancun"),
    "Aqaba": ("Jordan", "акаб*|aqaba"),
    "Zanzibar": ("Tanzania", "занзибар*|zanzibar"),
    "Boracay": ("Philippines", "боракай*|boracay"),
    "Prague": ("Czech Republic", "прага|праге|прагу|prague"),
    "Burabay": ("Kazakhstan", "борово*|бурабай*|burabay"),
}

_CITIES: dict[str, str] = {
    "Almaty": "алматы*|алмата*|алма ата*|алма аты|almaty|alma ata|алм",
    "Astana": "астан*|нур султан*|astana|nur sultan",
    "Shymkent": "шымкент*|чимкент*|shymkent",
    "Karaganda": "караганд*|karaganda",
    "Aktau": "актау|aktau",
    "Atyrau": "атырау*|atyrau",
    "Aktobe": "актобе|актюбинск*|aktobe",
    "Ust-Kamenogorsk": "усть каменогорск*|оскемен*|ust kamenogorsk|oskemen",
    "Pavlodar": "павлодар*|pavlodar",
    "Kostanay": "костана*|kostanay",
    "Taraz": "тараз*|taraz",
    "Kyzylorda": "кызылорд*|kyzylorda",
    "Uralsk": "уральск*|uralsk",
    "Semey": "семипалатинск*|semey",
    "Petropavlovsk": "петропавловск*|petropavlovsk",
    "Kokshetau": "кокшетау|kokshetau",
    "Turkestan": "туркестан*|turkestan",
    "Moscow": "москв*|moscow|мск",
    "Saint Petersburg": "петербург*|питер*|спб|st petersburg|saint petersburg",
    "Novosibirsk": "новосибирск*|novosibirsk",
    "Yekaterinburg": "екатеринбург*|yekaterinburg",
    "Tashkent": "ташкент*|tashkent",
    "Bishkek": "бишкек*|bishkek",
}

COUNTRIES: Lexicon[str] = Lexicon(_COUNTRIES)
"""Destination countries by canonical name."""

RESORTS: Lexicon[str] = Lexicon({name: aliases for name, (_, aliases) in _RESORTS.items()})
"""Resorts and destination cities by canonical name."""

RESORT_COUNTRY: dict[str, str] = {name: country for name, (country, _) in _RESORTS.items()}
"""The country of each resort in :data:`RESORTS`."""

CITIES: Lexicon[str] = Lexicon(_CITIES)
"""Departure cities by canonical name."""
