#!/usr/bin/env python3
"""Generate deterministic Arabic news-like text for benchmarks.

usage: gen_news_text.py [MB] [--seed N]

Writes about MB megabytes (default 20; 1 MB = 1,000,000 bytes) of UTF-8
text to stdout and stops at the first paragraph end at or past that size.
The text is synthetic: it is built from the templates and word lists in
this file (no external corpus is read) with a fixed seed, so the same
arguments always give byte-identical output.

It is meant to look like wire-service Arabic news to a tokenizer:
officials and their titles, cities, countries, organisations, dates,
ASCII and Arabic-Indic numbers, «quotations», agency tags such as
(أ ف ب), proclitic forms (وبالعراق، للمالكي، والرئيس), occasional
diacritics and tatweel, some English words and abbreviations (U.S.),
and paragraphs separated by blank lines.
"""

import random
import re
import sys

# --------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------

# Public figures: (name, title) -- title is the usual news description.
FIGURES = [
    ("نوري المالكي", "رئيس الوزراء العراقي"),
    ("حيدر العبادي", "رئيس الوزراء العراقي"),
    ("عادل عبد المهدي", "رئيس الوزراء العراقي"),
    ("مسعود بارزاني", "رئيس إقليم كردستان"),
    ("فؤاد معصوم", "الرئيس العراقي"),
    ("محمود عباس", "الرئيس الفلسطيني"),
    ("إسماعيل هنية", "رئيس المكتب السياسي لحركة حماس"),
    ("بشار الأسد", "الرئيس السوري"),
    ("وليد المعلم", "وزير الخارجية السوري"),
    ("رجب طيب أردوغان", "الرئيس التركي"),
    ("مولود جاووش أوغلو", "وزير الخارجية التركي"),
    ("عبد الفتاح السيسي", "الرئيس المصري"),
    ("سامح شكري", "وزير الخارجية المصري"),
    ("الملك عبد الله الثاني", "العاهل الأردني"),
    ("أيمن الصفدي", "وزير الخارجية الأردني"),
    ("ميشال عون", "الرئيس اللبناني"),
    ("نبيه بري", "رئيس مجلس النواب اللبناني"),
    ("سعد الحريري", "رئيس الحكومة اللبنانية"),
    ("نجيب ميقاتي", "رئيس الحكومة اللبنانية"),
    ("حسن روحاني", "الرئيس الإيراني"),
    ("محمد جواد ظريف", "وزير الخارجية الإيراني"),
    ("باراك أوباما", "الرئيس الأمريكي"),
    ("جون كيري", "وزير الخارجية الأمريكي"),
    ("هيلاري كلينتون", "وزيرة الخارجية الأمريكية"),
    ("فلاديمير بوتين", "الرئيس الروسي"),
    ("سيرغي لافروف", "وزير الخارجية الروسي"),
    ("أنغيلا ميركل", "المستشارة الألمانية"),
    ("إيمانويل ماكرون", "الرئيس الفرنسي"),
    ("فرانسوا هولاند", "الرئيس الفرنسي"),
    ("تيريزا ماي", "رئيسة الوزراء البريطانية"),
    ("بان كي مون", "الأمين العام للأمم المتحدة"),
    ("أنطونيو غوتيريش", "الأمين العام للأمم المتحدة"),
    ("ستافان دي ميستورا", "المبعوث الأممي إلى سوريا"),
    ("أحمد أبو الغيط", "الأمين العام لجامعة الدول العربية"),
    ("نبيل العربي", "الأمين العام لجامعة الدول العربية"),
    ("الشيخ تميم بن حمد آل ثاني", "أمير قطر"),
    ("الشيخ صباح الأحمد الجابر الصباح", "أمير الكويت"),
    ("الملك سلمان بن عبد العزيز", "العاهل السعودي"),
    ("عادل الجبير", "وزير الخارجية السعودي"),
    ("الباجي قائد السبسي", "الرئيس التونسي"),
    ("عبد العزيز بوتفليقة", "الرئيس الجزائري"),
    ("عمر البشير", "الرئيس السوداني"),
    ("عبد ربه منصور هادي", "الرئيس اليمني"),
    ("فايز السراج", "رئيس حكومة الوفاق الليبية"),
]

FIRST_NAMES = [
    "محمد", "أحمد", "علي", "حسن", "حسين", "خالد", "سمير", "عمر", "يوسف",
    "إبراهيم", "مصطفى", "عبد الله", "عبد الرحمن", "جمال", "طارق", "كريم",
    "ماجد", "سعيد", "فيصل", "ناصر", "وليد", "هشام", "رامي", "زياد", "باسم",
    "عماد", "منير", "رائد", "نبيل", "سليم", "فاطمة", "مريم", "ليلى", "سارة",
    "هدى", "نادية", "رنا", "سعاد", "زينب", "دينا",
]

FAMILY_NAMES = [
    "الجبوري", "الدليمي", "العبيدي", "الحسيني", "المصري", "الخطيب", "العلي",
    "الشمري", "الربيعي", "الزبيدي", "التميمي", "الساعدي", "الكبيسي",
    "النعيمي", "الهاشمي", "القاسم", "حداد", "منصور", "خوري", "عيسى",
    "السويدي", "الكعبي", "المطيري", "العتيبي", "الغامدي", "بن علي",
    "الطرابلسي", "البزاز", "الراوي", "الحلبي", "الشامي", "عبد الكريم",
    "أبو زيد", "درويش", "يونس", "سلامة", "بركات", "الأنصاري", "المهدي",
]

# Generic titles (masculine form) used with generated names.
TITLES = [
    "وزير الداخلية {nisba}", "وزير الدفاع {nisba}", "وزير المالية {nisba}",
    "وزير النفط {nisba}", "وزير الخارجية {nisba}", "وزير الصحة {nisba}",
    "وزير التخطيط {nisba}", "وزير الكهرباء {nisba}",
    "المتحدث باسم الحكومة {nisba_f}", "المتحدث باسم وزارة الخارجية {nisba_f}",
    "المتحدث باسم وزارة الداخلية", "رئيس لجنة الأمن والدفاع في البرلمان",
    "النائب عن {bloc}", "القيادي في {bloc}", "محافظ {city}",
    "قائد شرطة {city}", "رئيس مجلس محافظة {city}", "السفير {nisba} في {city}",
    "المحلل السياسي", "الخبير الاقتصادي", "مدير مستشفى {city}",
    "رئيس بلدية {city}", "عضو مجلس النواب", "مستشار الأمن الوطني",
    "الناطق العسكري باسم قيادة العمليات المشتركة",
]

BLOCS = [
    "ائتلاف دولة القانون", "التحالف الوطني", "القائمة العراقية",
    "التحالف الكردستاني", "تيار المستقبل", "حزب الله", "حركة أمل",
    "التيار الوطني الحر", "حركة فتح", "حركة حماس", "حزب النهضة",
    "حزب العدالة والتنمية", "جماعة الإخوان المسلمين", "حزب الدعوة",
    "التيار الصدري", "المجلس الأعلى الإسلامي",
]

# (country, masculine nisba, feminine nisba, capital)
COUNTRIES = [
    ("العراق", "العراقي", "العراقية", "بغداد"),
    ("سوريا", "السوري", "السورية", "دمشق"),
    ("لبنان", "اللبناني", "اللبنانية", "بيروت"),
    ("الأردن", "الأردني", "الأردنية", "عمان"),
    ("مصر", "المصري", "المصرية", "القاهرة"),
    ("السعودية", "السعودي", "السعودية", "الرياض"),
    ("الكويت", "الكويتي", "الكويتية", "الكويت"),
    ("قطر", "القطري", "القطرية", "الدوحة"),
    ("الإمارات", "الإماراتي", "الإماراتية", "أبوظبي"),
    ("البحرين", "البحريني", "البحرينية", "المنامة"),
    ("سلطنة عمان", "العماني", "العمانية", "مسقط"),
    ("اليمن", "اليمني", "اليمنية", "صنعاء"),
    ("ليبيا", "الليبي", "الليبية", "طرابلس"),
    ("تونس", "التونسي", "التونسية", "تونس"),
    ("الجزائر", "الجزائري", "الجزائرية", "الجزائر"),
    ("المغرب", "المغربي", "المغربية", "الرباط"),
    ("السودان", "السوداني", "السودانية", "الخرطوم"),
    ("فلسطين", "الفلسطيني", "الفلسطينية", "رام الله"),
    ("إيران", "الإيراني", "الإيرانية", "طهران"),
    ("تركيا", "التركي", "التركية", "أنقرة"),
    ("روسيا", "الروسي", "الروسية", "موسكو"),
    ("الصين", "الصيني", "الصينية", "بكين"),
    ("فرنسا", "الفرنسي", "الفرنسية", "باريس"),
    ("ألمانيا", "الألماني", "الألمانية", "برلين"),
    ("بريطانيا", "البريطاني", "البريطانية", "لندن"),
    ("الولايات المتحدة", "الأمريكي", "الأمريكية", "واشنطن"),
    ("اليابان", "الياباني", "اليابانية", "طوكيو"),
    ("الهند", "الهندي", "الهندية", "نيودلهي"),
    ("باكستان", "الباكستاني", "الباكستانية", "إسلام آباد"),
    ("أفغانستان", "الأفغاني", "الأفغانية", "كابول"),
]

CITIES = [
    "بغداد", "البصرة", "الموصل", "أربيل", "كركوك", "الفلوجة", "الرمادي",
    "النجف", "كربلاء", "تكريت", "سامراء", "بعقوبة", "الحلة", "الناصرية",
    "دمشق", "حلب", "حمص", "حماة", "درعا", "إدلب", "اللاذقية", "دير الزور",
    "الرقة", "بيروت", "طرابلس", "صيدا", "صور", "بعلبك", "عمان", "الزرقاء",
    "إربد", "القاهرة", "الإسكندرية", "أسوان", "بورسعيد", "الرياض", "جدة",
    "مكة المكرمة", "الدمام", "الدوحة", "أبوظبي", "دبي", "المنامة", "مسقط",
    "صنعاء", "عدن", "تعز", "الحديدة", "بنغازي", "مصراتة", "سرت", "صفاقس",
    "وهران", "قسنطينة", "الدار البيضاء", "مراكش", "فاس", "الخرطوم",
    "أم درمان", "غزة", "خان يونس", "رفح", "نابلس", "الخليل", "جنين",
    "القدس", "أنقرة", "إسطنبول", "غازي عنتاب", "طهران", "أصفهان", "مشهد",
    "موسكو", "باريس", "لندن", "برلين", "واشنطن", "نيويورك", "جنيف",
    "فيينا", "بروكسل", "روما", "مدريد", "لوزان", "أستانا", "سوتشي",
]

ORGS = [
    "الأمم المتحدة", "مجلس الأمن الدولي", "جامعة الدول العربية",
    "الاتحاد الأوروبي", "حلف شمال الأطلسي", "منظمة الصحة العالمية",
    "صندوق النقد الدولي", "البنك الدولي", "منظمة أوبك",
    "اللجنة الدولية للصليب الأحمر", "مجلس التعاون الخليجي",
    "منظمة العفو الدولية", "منظمة هيومن رايتس ووتش",
    "الوكالة الدولية للطاقة الذرية", "منظمة التعاون الإسلامي",
    "المفوضية العليا لشؤون اللاجئين", "برنامج الأغذية العالمي",
    "منظمة اليونيسف", "الاتحاد الأفريقي", "المحكمة الجنائية الدولية",
    "البنك المركزي", "مجلس النواب", "المفوضية العليا المستقلة للانتخابات",
    "الهلال الأحمر", "وزارة الخارجية", "وزارة الداخلية", "وزارة الدفاع",
    "وزارة النفط", "هيئة النزاهة", "المرصد السوري لحقوق الإنسان",
]

AGENCIES = [
    "أ ف ب", "رويترز", "د ب أ", "يو بي آي", "واس", "قنا", "وام", "كونا",
    "سانا", "الأناضول", "أ ش أ", "بترا", "إرنا", "أ ب", "شينخوا",
]

NEWSPAPERS = [
    "الحياة", "الشرق الأوسط", "الأهرام", "النهار", "السفير", "الصباح",
    "القدس العربي", "الخليج", "الرياض", "الوطن", "الشروق", "المدى",
]

EN_OUTLETS = [
    "The New York Times", "The Washington Post", "The Guardian", "CNN",
    "BBC", "Financial Times", "The Wall Street Journal", "Al-Monitor",
    "Bloomberg", "The Independent", "Le Monde", "Reuters", "AFP",
]

EN_TERMS = [
    "U.S.", "UN", "NATO", "OPEC", "IMF", "EU", "GDP", "ISIS", "UNHCR",
    "WHO", "U.K.", "Brent", "CEO", "Wi-Fi", "e-mail", "Facebook",
    "Twitter", "YouTube", "WhatsApp", "Google", "Dr.", "Mr.",
]

EN_QUOTES = [
    "We are not going to negotiate under pressure",
    "This is a very difficult moment for the region",
    "The U.S. remains committed to its partners",
    "There is no military solution to this conflict",
    "We need a political process that includes everyone",
    "The situation on the ground is extremely fragile",
    "Talks will resume next week in Geneva",
    "Oil prices have stabilised for now",
    "We call on all parties to exercise restraint",
    "It's too early to say what happened",
]

DAYS = ["السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس",
        "الجمعة"]

# (Levantine/Iraqi name, Egyptian/Gulf name)
MONTHS = [
    ("كانون الثاني", "يناير"), ("شباط", "فبراير"), ("آذار", "مارس"),
    ("نيسان", "أبريل"), ("أيار", "مايو"), ("حزيران", "يونيو"),
    ("تموز", "يوليو"), ("آب", "أغسطس"), ("أيلول", "سبتمبر"),
    ("تشرين الأول", "أكتوبر"), ("تشرين الثاني", "نوفمبر"),
    ("كانون الأول", "ديسمبر"),
]

TOPICS = [
    "الأزمة السياسية", "الملف النووي", "إعادة الإعمار", "مكافحة الإرهاب",
    "أزمة اللاجئين", "الانتخابات البرلمانية", "الموازنة العامة",
    "أسعار النفط", "الإصلاحات الاقتصادية", "الوضع الأمني", "ملف المياه",
    "الحوار الوطني", "المصالحة الوطنية", "الحدود المشتركة",
    "التعاون الاقتصادي", "الأزمة الإنسانية", "تشكيل الحكومة الجديدة",
    "قانون الانتخابات", "ملف المعتقلين", "الاستثمار الأجنبي",
    "مشاريع الطاقة", "الأمن الغذائي", "مكافحة الفساد", "وقف إطلاق النار",
]

SAY_VERBS = ["قال", "أكد", "أعلن", "أوضح", "ذكر", "صرح", "أشار",
             "كشف", "شدد", "رأى", "اعتبر"]
SAY_VERBS_F = ["قالت", "أكدت", "أعلنت", "أوضحت", "ذكرت", "كشفت",
               "أفادت", "اعتبرت"]
CONT_VERBS = ["وأضاف", "وتابع", "وأشار", "وأوضح", "ولفت", "واعتبر",
              "وشدد", "ومضى قائلا"]
MEET_VERBS = ["بحث", "ناقش", "استعرض", "تناول"]
EVENTS = ["انفجار سيارة مفخخة", "هجوم مسلح", "سقوط قذائف هاون",
          "اشتباكات عنيفة", "انفجار عبوة ناسفة", "غارة جوية",
          "حريق كبير", "انهيار مبنى سكني", "تفجير انتحاري"]
PLACES = ["سوق شعبي", "حي سكني", "نقطة تفتيش", "مركز للشرطة",
          "مدرسة", "مستشفى", "جسر", "محطة للكهرباء", "مصفاة للنفط",
          "مقر حكومي", "الطريق السريع", "المنطقة الصناعية"]
GOODS = ["برميل", "طن", "متر مكعب", "ميغاواط", "كيلومتر"]
CURRENCIES = ["دولار", "دينار", "ريال", "جنيه", "يورو", "ليرة", "درهم"]
QUOTE_BODIES = [
    "لن نسمح بعودة العنف إلى {city}",
    "الحكومة ماضية في تنفيذ {topic} رغم كل العقبات",
    "ما جرى في {city} يمثل خرقا واضحا للاتفاق",
    "نحن مع الحل السياسي ونرفض أي تدخل خارجي في شؤون {country}",
    "الأوضاع في {city} تحت السيطرة الكاملة",
    "أبوابنا مفتوحة للحوار مع جميع الأطراف",
    "علاقاتنا مع {country} تاريخية ولن تتأثر بهذه الخلافات",
    "سنعمل مع {org} من أجل إيصال المساعدات إلى المحتاجين",
    "الاقتصاد الوطني يمر بمرحلة صعبة بسبب تراجع {topic}",
    "المرحلة المقبلة تتطلب تضافر الجهود لمواجهة التحديات",
    "القوات الأمنية تمكنت من إحباط مخطط إرهابي في {city}",
    "هذا القرار لا يخدم مصلحة الشعب {nisba}",
    "لدينا أدلة على تورط جهات خارجية في أحداث {city}",
    "لا يمكن القبول بتأجيل {topic} مرة أخرى",
]

# --------------------------------------------------------------------------
# Sentence templates.
#   {slot}          value from a generator below (fresh draw per occurrence)
#   {slot|PFX}      the same, with proclitics PFX (و، ف، ب، ل، ك) attached
#   {~a|b|c}        pick one of the literal alternatives
# Templates that share the same person use {P.name}/{P.title} (drawn once
# per sentence).
# --------------------------------------------------------------------------

TEMPLATES = [
    "{~قال|أكد|أعلن} {P.title} {P.name} {day} إن {topic} {~يشكل|يمثل|سيبقى} أولوية {~للحكومة|لبلاده|للمرحلة المقبلة}.",
    "{saidf} {org} في بيان {~صدر|نشر} {day} إن {num} شخصا على الأقل {~قتلوا|أصيبوا|نزحوا} في {city} خلال {~الأسبوع|الشهر|الأيام} {~الماضي|الماضية}.",
    "{~وقال|وأكد|وأوضح} {P.name} في {~مؤتمر صحفي|تصريح صحفي|مقابلة تلفزيونية} {~عقده|أدلى به|أجراها} في {city} إن «{quote}».",
    "{cont} أن «{quote}»، {~مشيرا|لافتا|منوها} إلى أن {org} {~ستعقد|ستبحث|ستناقش} {topic} {~خلال|في} {date}.",
    "{P.name}، {P.title}، {meet} مع {P2} {~سبل|آفاق} {~تعزيز|تطوير} العلاقات {~الثنائية|بين البلدين} {~وبالعراق|وفي المنطقة|وفي الشرق الأوسط}.",
    "وصل {P.title} {P.name} إلى {city} {day} في زيارة {~رسمية|مفاجئة|تستغرق يومين} يلتقي خلالها {P2} {~لبحث|لمناقشة} {topic}.",
    "{~وأفادت|وذكرت|وقالت} مصادر {~أمنية|طبية|محلية} {nisba_f} أن {event} {~استهدف|وقع قرب|هز} {place} في {city}، ما أسفر عن {~مقتل|سقوط} {num} {~أشخاص|مدنيين} وإصابة {num} آخرين.",
    "{city} ({agency}) - {~أعلنت|قالت|ذكرت} {org} {day} أنها {~ستقدم|خصصت|رصدت} {money} {~لدعم|لتمويل} {topic} في {country}.",
    "{city} - {agency}: {~أكد|قال} {P.title} {P.name} أن {country|ل} الحق في {~الدفاع عن أراضيها|حماية حدودها|اتخاذ ما تراه مناسبا}.",
    "وارتفعت أسعار النفط {day} إلى {price} دولار للبرميل، {~بعدما|في حين|بينما} {~تراجعت|ارتفعت} مخزونات الخام {nisba_f} بنسبة {pct}.",
    "وبلغ حجم التبادل التجاري بين {country} و{country} نحو {money} في عام {year}، {~بحسب|وفق|حسب} أرقام {org}.",
    "{~ونقلت|وذكرت} صحيفة «{paper}» عن {~مصدر مطلع|مسؤول رفيع|مصادر دبلوماسية} أن {P.name} {~سيزور|قد يزور|يعتزم زيارة} {city} {~قريبا|الأسبوع المقبل|خلال أيام}.",
    "{~وكانت|كانت} {org} قد {~حذرت|أعلنت|أكدت} في {date} من {~تدهور|تفاقم|خطورة} {topic} {~وبالعراق|في المنطقة|في سوريا واليمن}.",
    "{~ويأتي|ويجيء} ذلك {~بعد|غداة|قبل} {~أيام|ساعات|أسبوع} من {~إعلان|تصريحات} {P.title} {P.name} {~بشأن|حول|عن} {topic}.",
    "{~وفي|وفى} {city}، {~تظاهر|تجمع|اعتصم} {~المئات|الآلاف|العشرات} من {~المواطنين|الطلاب|العمال|الموظفين} أمام {~مبنى|مقر} {org} {~للمطالبة|احتجاجا} {~بتحسين الخدمات|على تأخر الرواتب|بمحاسبة الفاسدين}.",
    "{P.name}: «{quote}».",
    "{~وتعهد|وتعهدت} {P.title} {~بمحاسبة|بملاحقة} {~المسؤولين|المتورطين} عن {event} الذي {~وقع|شهدته} {city} {~مساء|صباح|ليل} {day}.",
    "{~وردا على سؤال|وفي رده على سؤال} {~حول|بشأن} {topic}، {~قال|أجاب} {P.name} إن «{quote}».",
    "وقالت وزارة الخارجية {nisba_f} في بيان إن {~الوزير|الوزيرة} {~أجرى|تلقى} اتصالا هاتفيا {~مع|من} {P2} {~تناول|تطرق إلى} {topic}.",
    "{~ومن المقرر|ومن المتوقع|ويفترض} أن {~تعقد|تستأنف} {~جولة جديدة من المفاوضات|محادثات السلام|اجتماعات اللجنة المشتركة} في {city} {date}.",
    "{~وأكدت|وذكرت} {org} أن {~عدد|أعداد} {~اللاجئين|النازحين|المهاجرين} {~تجاوز|بلغ|فاق} {bignum} {~شخص|لاجئ|نازح} منذ بداية العام.",
    "{~وقتل|وأصيب} {num} {~من عناصر الشرطة|جنود|مدنيين} {~بهجوم|بانفجار|باشتباكات} {~وقع|جرى} {~قرب|جنوب|شمال|غرب|شرق} {city} {day}، {~بحسب|حسب|وفق} مصادر {~أمنية|محلية}.",
    "{~وقالت|وأشارت} {org} إن {country} {~تحتاج|بحاجة} إلى {money} {~لإعادة إعمار|لإعادة بناء} {~المناطق المتضررة|البنية التحتية|المدن المدمرة}.",
    "{~ووصف|واعتبر} {P.name} {~الاتفاق|القرار|الخطوة} بأنه «{~تاريخي|خطوة في الاتجاه الصحيح|غير مقبول|مخالف للدستور}»، {~داعيا|مطالبا} {org} إلى {~التحرك|التدخل} {~العاجل|الفوري}.",
    "{~وكتب|وغرد} {P.name} على حسابه في {~تويتر|Twitter|فيسبوك|Facebook}: «{quote}».",
    "{~وأظهرت|وكشفت} {~بيانات|أرقام|إحصاءات} {org} أن معدل {~التضخم|البطالة|النمو} في {country} {~بلغ|وصل إلى|سجل} {pct} {~خلال|في} {~الربع الأول|الربع الثاني|النصف الأول|عام} {year}.",
    "{~وقال|وذكر} تقرير {~نشرته|أعدته} صحيفة {en_outlet} {~الأمريكية|البريطانية} إن {~مسؤولين|دبلوماسيين} {~في|من} U.S. {~يدرسون|يناقشون} {topic}.",
    "وأضاف {P.name} لـ{en_outlet} أن «{en_quote}»، {~مؤكدا|مشيرا} إلى أن {~واشنطن|الإدارة الأمريكية} {~تتابع|تراقب} {topic} {~عن كثب|باهتمام}.",
    "{~ويرى|ويعتقد} {~مراقبون|محللون|خبراء} أن {topic} {~قد|لن} {~يؤثر|ينعكس} على {~العلاقة|العلاقات} بين {country} و{country} {~في المدى القريب|خلال المرحلة المقبلة}.",
    "{~وتشهد|وشهدت} {city} منذ {date} {~موجة|سلسلة} من {~الاحتجاجات|التفجيرات|الاغتيالات|الإضرابات} {~أودت بحياة|أسفرت عن مقتل} {num} {~شخصا|مدنيا}.",
    "{~وبحسب|ووفق|وحسب} {~إحصاءات|تقديرات} {org}، فإن نحو {bignum} {~طفل|شخص|مواطن} {~بحاجة إلى|يعتمدون على} المساعدات {~الإنسانية|الغذائية}.",
    "{~والتقى|واجتمع} {P.title} {P.name} {~وبالرئيس|بالرئيس|برئيس الوزراء} {~في|ب}{city} {day}، {~حيث|و}{~جرى|تم} {~بحث|استعراض} {topic}.",
    "{~وطالب|ودعا} {P.name} {~الحكومة|البرلمان|المجتمع الدولي} إلى {~الإسراع في|العمل على} {~إقرار|معالجة|حل} {topic}، {~معتبرا|مؤكدا} أن «{quote}».",
    "{~وأعلنت|وقالت} {org} {~أنها|إنها} {~ستوفد|سترسل} {~بعثة|فريقا} إلى {city} {date} {~لتقييم|لمتابعة} {topic}.",
    "({agency}) - {~أعلن|قال} {P2} {day} {~أن|إن} بلاده {~ترحب|تدعم|ترفض} {~قرار|بيان} {org} {~بشأن|حول} {topic}.",
    "وأشار {~التقرير|البيان} إلى أن الحكومة {~خصصت|رصدت|أنفقت} {money} {~لقطاع|على قطاع} {~الكهرباء|التعليم|الصحة|النفط|الإسكان} {~خلال|في} عام {year}.",
    "وجرى {~توقيع|إبرام} {num} {~اتفاقيات|مذكرات تفاهم} {~في مجالات|تشمل} {~الطاقة|النقل|الزراعة|التعليم} و{~الصحة|الاستثمار|السياحة} بحضور {P.title} {P.name}.",
    "{~يذكر|ويذكر|يشار إلى} أن {city} {~شهدت|تشهد} {~في|خلال} {date} {event} {~أودى بحياة|أسفر عن مقتل} {num} {~أشخاص|مدنيين}.",
    "{~وللمرة|وهي المرة} {~الأولى|الثانية|الثالثة} منذ عام {year}، {~يزور|يصل} {P.title} {country|ل} {~لإجراء|لعقد} محادثات {~مع|مع نظيره} {P2}.",
    "{~ولفت|وأشار} {P.name} إلى أن {~وفدا|فريقا} من {org} {~سيصل|وصل} {~إلى|الى} {city} {~لبحث|لمناقشة} {topic} {~وبالأخص|ولا سيما|خاصة} {topic}.",
    "{~وأغلق|وارتفع|وتراجع} المؤشر العام {~لسوق|لبورصة} {city} {~بنسبة|بمقدار} {pct} {~عند|إلى} {price} نقطة {day}.",
    "{~وبث|ونشر} التلفزيون {nisba} {~صورا|لقطات} {~تظهر|تبين} {~الدمار|آثار الانفجار|حجم الأضرار} في {place} {~بمدينة|في مدينة} {city}.",
    "{P.name} ({P.title}) {~قال|أكد} إن الاجتماع «{~كان|جاء} {~مثمرا|إيجابيا|صريحا}».",
    "وقال {generic} {~ل|لوكالة }{~فرانس برس|رويترز|الأناضول} إن «{quote}».",
    "{~وأوقفت|واعتقلت|وضبطت} {~القوات الأمنية|الشرطة|قوات الأمن} {num} {~مشتبها|متهمين|مطلوبين} في {city}، {~بينهم|من بينهم} {~قياديون|عناصر} في {~تنظيم داعش|جماعات مسلحة|شبكة للتهريب}.",
    "{~وبلغت|وسجلت} صادرات {country} من النفط {bignum} برميل يوميا {~في|خلال} {month_only}، {~بحسب|وفق} {org}.",
    "{~وحذر|وحذرت} {org} من أن {~نحو|قرابة|أكثر من} {bignum} {~شخص|طفل} {~معرضون|مهددون} {~بالمجاعة|بالجوع|بخطر الأوبئة} في {country}.",
    "وفي رسالة {~وجهها|بعث بها} {P2|ل}، {~أعرب|عبر} {P.name} عن {~تضامن|دعم} {country} {~مع الشعب|للشعب} {nisba} {~وبالعراق|وبلبنان|وبفلسطين} {~في هذه الظروف|في مواجهة الإرهاب}.",
    "{~وجدد|وأكد} {P.title} {P.name} دعم بلاده {country|ل} {org|ول} في {~جهود|مساعي} {topic}.",
    "{~ووجه|وجه} {P.name} {~انتقادات حادة|اتهامات} {P2|ل}، {~متهما|محملا} {~إياه|حكومته} {~بالتقصير في|مسؤولية} {topic} {city|وب} {~والمناطق المجاورة|وضواحيها}.",
    "{~وقدمت|وأرسلت} {org} {~مساعدات|شحنات} {~غذائية|طبية} {~لأهالي|إلى سكان} {city} {~بالتنسيق|بالتعاون} مع {org}، {~وللنازحين|وللعائدين} {~في|إلى} {country}.",
    "{~وتعرض|وتعرضت} {~موكب|منزل|مقر} {P.title|ل} {P.name} {~لهجوم|لإطلاق نار} {city|ب} {day}، {~والرئيس|والوزير|والمحافظ} {~لم يكن|كان} في {~داخله|المكان}.",
    "{~وقال|وأكد} {generic} إن {~الحكومة|الدولة} {~ستقدم|قدمت} {~تعويضات|مساعدات} {~للمتضررين|للأسر النازحة|للعائدين} {city|وب} {city|وب}.",
    "{~وفي تصريحات|وفي حديث} {P.short|ل} {~نقلتها|أوردتها} {~قناة العربية|قناة الجزيرة|وكالة الأناضول}، {~قال|أكد} {P.title} إن «{quote}».",
    "{~وقال|وذكر} مصدر مقرب من {P.name} إن {~زيارة|جولة} {P.short} إلى {city} {~تهدف|ترمي} إلى {~بحث|مناقشة} {topic}.",
    "{~والتقى|واجتمع} {P.name} {~في|ب}{city} {~وفدا|بوفد} من {org}، {~وأكد|وشدد} {P.short} {~خلال اللقاء|أمام الوفد} أن «{quote}».",
    "{~ووجهت|وأرسلت} {org} {~دعوة|رسالة} {P.short|ل} {~لحضور|للمشاركة في} {~مؤتمر|قمة} {city} {date}، {~والرئيس|ورئيس الوزراء} {nisba} {~لم يرد|لم يعلق} {~بعد|حتى الآن}.",
    "{~وبحسب|ووفق} {~مقربين|مصادر مقربة} {P.short|من }، فإن {~الحكومة|الكتلة} {~ستطرح|ستقدم} {~مشروع قانون|مبادرة} {~بشأن|حول} {topic} {~خلال|في} {date}.",
    "{~وعلى صعيد آخر|وفي سياق متصل|إلى ذلك|من جهة أخرى}، {~أعلنت|قالت} {org} أن {P.name} {~سيترأس|سيقود|سيشارك في} {~وفد|اجتماع} {country} إلى {city} {date}.",
]

# Paragraph openers (datelines); used for the first sentence of ~40% of
# paragraphs.
DATELINES = [
    "{city} ({agency}) - ",
    "{city} - {agency}: ",
    "{city} — ",
    "{city}، {date} ({agency}) - ",
    "{~خاص|متابعات} - {city}: ",
]

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
HARAKAT = ["\u064E", "\u064F", "\u0650", "\u0652"]  # fatha damma kasra sukun
SHADDA = "\u0651"
TANWEEN = ["\u064B", "\u064C", "\u064D"]
NON_JOINING = set("اأإآدذرزوؤةءى")
SLOT_RE = re.compile(r"\{([^{}]*)\}")
ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A]")


def short_name(name):
    """How a follow-up mention names a person: the family name
    (المالكي، ظريف، أبو الغيط), or the whole name when there is no
    obvious one (بان كي مون، الملك سلمان بن عبد العزيز)."""
    words = name.split(" ")
    if len(words) < 2 or words[0] in ("الملك", "الشيخ") or "كي" in words:
        return name
    if words[-2] in ("عبد", "أبو", "بن", "دي", "آل"):
        return " ".join(words[-2:])
    return words[-1]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    # --- small helpers -------------------------------------------------
    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def digits(self, s):
        """Render ASCII digits as Arabic-Indic about a third of the time."""
        if self.r.random() < 0.33:
            return s.translate(ARABIC_INDIC).replace(",", "٬").replace(
                ".", "٫")
        return s

    def person_name(self):
        if self.r.random() < 0.5:
            return self.pick(FIGURES)[0]
        return self.pick(FIRST_NAMES) + " " + self.pick(FAMILY_NAMES)

    def person(self):
        """(name, title) pair."""
        if self.r.random() < 0.5:
            return self.pick(FIGURES)
        c = self.pick(COUNTRIES)
        title = self.pick(TITLES).format(
            nisba=c[1], nisba_f=c[2], city=self.pick(CITIES),
            bloc=self.pick(BLOCS))
        return (self.pick(FIRST_NAMES) + " " + self.pick(FAMILY_NAMES), title)

    def number(self):
        r = self.r.random()
        if r < 0.7:
            n = self.r.randint(2, 99)
        elif r < 0.95:
            n = self.r.randint(100, 999)
        else:
            n = self.r.randint(1000, 9999)
        return self.digits(str(n))

    def bignum(self):
        r = self.r.random()
        if r < 0.4:
            return self.digits(f"{self.r.randint(1, 999) * 1000:,}")
        if r < 0.7:
            return self.digits(str(self.r.randint(10, 999))) + " " + \
                self.pick(["ألف", "ألفا", "مليون"])
        return self.digits(f"{self.r.randint(1, 9)}.{self.r.randint(1, 9)}") + \
            " " + self.pick(["مليون", "ملايين", "مليار"])

    def money(self):
        amount = self.r.choice([
            lambda: self.digits(str(self.r.randint(2, 900))) + " " +
            self.pick(["مليون", "مليار", "ألف"]),
            lambda: self.digits(f"{self.r.randint(1, 99)}.{self.r.randint(1, 9)}") +
            " " + self.pick(["مليار", "مليون"]),
            lambda: self.digits(f"{self.r.randint(1000, 999999):,}"),
        ])()
        cur = self.pick(CURRENCIES)
        if self.r.random() < 0.1:
            return "$" + amount.split(" ")[0] + " " + \
                self.pick(["million", "billion", "مليون"])
        return amount + " " + cur

    def pct(self):
        s = f"{self.r.randint(0, 60)}.{self.r.randint(0, 9)}"
        s = self.digits(s)
        return s + self.pick(["%", "٪", " في المئة", " بالمئة", "%"])

    def price(self):
        return self.digits(f"{self.r.randint(20, 120)}.{self.r.randint(0, 99):02d}")

    def year(self):
        return self.digits(str(self.r.randint(1990, 2024)))

    def date(self):
        d = self.r.randint(1, 28)
        m = self.r.randrange(12)
        y = self.r.randint(2003, 2024)
        lev, egy = MONTHS[m]
        style = self.r.randrange(7)
        if style == 0:
            return self.digits(f"{d} {lev}/{egy} {y}")
        if style == 1:
            return f"{self.digits(str(d))} {egy} {self.digits(str(y))}"
        if style == 2:
            return f"{self.digits(str(d))} {lev} ({egy}) {self.digits(str(y))}"
        if style == 3:
            return self.digits(f"{y}/{m + 1}/{d}")
        if style == 4:
            return f"{self.pick(DAYS)} {self.digits(str(d))} {egy}"
        if style == 5:
            return f"{self.pick(['مطلع', 'منتصف', 'أواخر', 'نهاية'])} {egy} {self.digits(str(y))}"
        return self.digits(f"{d}-{m + 1}-{y}")

    def month_only(self):
        lev, egy = self.pick(MONTHS)
        return self.pick([f"شهر {egy}", f"{lev} الماضي", f"{egy} الماضي",
                          f"{lev}/{egy}"])

    def day(self):
        pre = self.pick(["", "يوم ", "", "اليوم "])
        post = "" if pre == "اليوم " else self.pick(["", "", " الماضي", " المقبل"])
        return pre + self.pick(DAYS) + post

    def quote(self, nisba):
        body = self.pick(QUOTE_BODIES)
        return self.fill(body, {"nisba": nisba})

    # --- clitics -------------------------------------------------------
    @staticmethod
    def attach(prefix, value):
        """Attach proclitics PFX to the first word of value.

        ل + ال contracts to لل (للمالكي، للرئيس)."""
        if not prefix:
            return value
        if prefix.endswith("ل") and value.startswith("ال"):
            return prefix + value[1:]
        return prefix + value

    # --- template filling ---------------------------------------------
    def fill(self, template, ctx):
        def slot(m):
            spec = m.group(1)
            if spec.startswith("~"):
                return self.pick(spec[1:].split("|"))
            name, _, pfx = spec.partition("|")
            return self.attach(pfx, self.value(name, ctx))
        return SLOT_RE.sub(slot, template)

    def value(self, name, ctx):
        r = self.r
        if name == "P.name":
            return ctx["P"][0]
        if name == "P.title":
            return ctx["P"][1]
        if name == "P.short":
            return short_name(ctx["P"][0])
        if name == "P2":
            n, t = self.person()
            return f"{t} {n}" if r.random() < 0.7 else n
        if name == "generic":
            n, t = self.person()
            return f"{t} {n}"
        if name == "city":
            return self.pick(CITIES) if r.random() < 0.8 else self.pick(COUNTRIES)[3]
        if name == "country":
            return self.pick(COUNTRIES)[0]
        if name == "nisba":
            return ctx.get("nisba") or self.pick(COUNTRIES)[1]
        if name == "nisba_f":
            return self.pick(COUNTRIES)[2]
        if name == "org":
            return self.pick(ORGS)
        if name == "agency":
            return self.pick(AGENCIES)
        if name == "paper":
            return self.pick(NEWSPAPERS)
        if name == "en_outlet":
            return self.pick(EN_OUTLETS)
        if name == "en_quote":
            return self.pick(EN_QUOTES)
        if name == "topic":
            return self.pick(TOPICS)
        if name == "event":
            return self.pick(EVENTS)
        if name == "place":
            return self.pick(PLACES)
        if name == "day":
            return self.day()
        if name == "date":
            return self.date()
        if name == "month_only":
            return self.month_only()
        if name == "year":
            return self.year()
        if name == "num":
            return self.number()
        if name == "bignum":
            return self.bignum()
        if name == "money":
            return self.money()
        if name == "pct":
            return self.pct()
        if name == "price":
            return self.price()
        if name == "saidf":
            return self.pick(SAY_VERBS_F)
        if name == "said":
            return self.pick(SAY_VERBS)
        if name == "cont":
            return self.pick(CONT_VERBS)
        if name == "meet":
            return self.pick(MEET_VERBS)
        if name == "quote":
            if r.random() < 0.05:
                return self.pick(EN_QUOTES)
            return self.quote(ctx.get("nisba"))
        raise KeyError(name)

    # --- surface noise ------------------------------------------------
    def decorate_word(self, w):
        r = self.r.random()
        if r < 0.025 and len(w) > 2 and ARABIC_LETTER_RE.match(w[-1]):
            # occasional vocalisation, the way news copy marks a word to
            # disambiguate it: one short vowel, a shadda, or final tanween
            idxs = [i for i, c in enumerate(w)
                    if ARABIC_LETTER_RE.match(c) and c not in "اآىء"]
            if not idxs:
                return w
            k = self.r.random()
            if k < 0.15 and w[-1] not in "اى":
                return w + self.pick(TANWEEN)
            i = self.pick(idxs)
            if k < 0.4:
                mark = SHADDA + self.pick(HARAKAT[:3])
            else:
                mark = self.pick(HARAKAT)
            return w[:i + 1] + mark + w[i + 1:]
        if r < 0.035 and len(w) > 3:
            # tatweel (kashida) after a joining letter in the middle
            for i in range(1, len(w) - 1):
                if (ARABIC_LETTER_RE.match(w[i]) and w[i] not in NON_JOINING
                        and ARABIC_LETTER_RE.match(w[i + 1])):
                    return w[:i + 1] + "ـ" * self.r.randint(1, 3) + w[i + 1:]
        return w

    def decorate(self, sentence):
        return " ".join(self.decorate_word(w) for w in sentence.split(" "))

    def english_aside(self):
        r = self.r
        kind = r.randrange(4)
        if kind == 0:
            return f" ({self.pick(EN_TERMS)})"
        if kind == 1:
            return f" ({self.pick(EN_OUTLETS)})"
        if kind == 2:
            return f" (@{self.pick(['UN', 'NATO', 'WHO', 'StateDept', 'Reuters'])})"
        return f" ({r.choice(['U.S.', 'U.N.', 'U.K.'])} {self.pick(['officials', 'envoy', 'sanctions', 'forces', 'Treasury'])})"

    def sentence(self, first):
        t = self.pick(TEMPLATES)
        c = self.pick(COUNTRIES)
        ctx = {"P": self.person(), "nisba": c[1]}
        s = self.fill(t, ctx)
        if self.r.random() < 0.08:
            # drop an English aside after the first comma or before the end
            pos = s.find("،")
            if pos < 0:
                pos = len(s) - 1
            s = s[:pos] + self.english_aside() + s[pos:]
        if first and self.r.random() < 0.4:
            s = self.fill(self.pick(DATELINES), ctx) + s
        return self.decorate(s)

    def paragraph(self):
        n = self.r.choice([1, 2, 2, 3, 3, 3, 4, 4, 5, 6])
        parts = [self.sentence(i == 0) for i in range(n)]
        return " ".join(parts)


def main(argv):
    mb = 20.0
    seed = 20240611
    args = list(argv[1:])
    while args:
        a = args.pop(0)
        if a in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        if a == "--seed" and args:
            seed = int(args.pop(0))
        else:
            try:
                mb = float(a)
            except ValueError:
                print(f"gen_news_text.py: bad argument '{a}'", file=sys.stderr)
                return 2
    if mb <= 0:
        print("gen_news_text.py: size must be positive", file=sys.stderr)
        return 2
    target = int(mb * 1_000_000)
    g = Gen(seed)
    out = sys.stdout.buffer
    written = 0
    chunk = []
    chunk_bytes = 0
    while written + chunk_bytes < target:
        p = (g.paragraph() + "\n\n").encode("utf-8")
        chunk.append(p)
        chunk_bytes += len(p)
        if chunk_bytes >= 1 << 20:
            out.write(b"".join(chunk))
            written += chunk_bytes
            chunk, chunk_bytes = [], 0
    out.write(b"".join(chunk))
    out.flush()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except BrokenPipeError:
        sys.exit(1)
