# ruff: noqa: E501 (phrases are kept whole, one per line, whatever their script)
"""What residents say about the services they most often write or ring about, in their own words
(never the catalogue's): the cores the demo's labelled history is built from (`history`).

Each service has a few ways of saying the same need in English, Polish and Arabic; several
services share an area (bins, council tax, repairs), so that the words alone must tell them
apart. A council replaces the generated history with its own export (`history.csv`'s columns).
"""

from __future__ import annotations

PHRASES: dict[str, dict[str, list[str]]] = {
    "report-missed-bin": {
        "en": [
            "the lorry went past this morning and our grey bin is still full",
            "nobody emptied the recycling on our road yesterday",
            "they skipped our house again, the bin was out by 7am",
            "second week running our rubbish hasn't been taken",
            "all the other bins in the street were done except ours",
        ],
        "pl": [
            "śmieciarka ominęła nasz dom i kosz dalej stoi pełny",
            "drugi tydzień nikt nie zabrał naszych śmieci",
        ],
        "ar": [
            "لم يفرغوا حاوية القمامة الخاصة بنا هذا الأسبوع",
            "مرت شاحنة النفايات ولم تأخذ قمامتنا",
        ],
    },
    "book-bulky-waste-collection": {
        "en": [
            "I need an old sofa and a broken wardrobe taken away",
            "how do I get rid of a fridge freezer, can you come and collect it",
            "we have a double mattress and two armchairs to dispose of",
            "can someone pick up an old washing machine from outside my flat",
        ],
        "pl": [
            "chcę oddać starą kanapę i szafę, czy możecie je odebrać",
            "jak wyrzucić starą lodówkę",
        ],
        "ar": ["أريد التخلص من أريكة قديمة وثلاجة", "هل يمكنكم أخذ مرتبة قديمة من أمام منزلي"],
    },
    "subscribe-garden-waste": {
        "en": [
            "I'd like to sign up for the brown bin for grass cuttings",
            "how much is it to have garden waste collected this year",
            "want to renew my green waste subscription",
            "can I pay for a second brown bin for hedge trimmings and leaves",
        ],
        "pl": [
            "chcę zamówić brązowy kosz na trawę i liście",
            "ile kosztuje wywóz odpadów z ogrodu",
        ],
        "ar": ["أريد الاشتراك في جمع نفايات الحديقة", "كم تكلفة الحاوية البنية لأوراق الشجر"],
    },
    "request-replacement-bin": {
        "en": [
            "our wheelie bin was stolen over the weekend",
            "the lid has snapped off our bin and foxes get in",
            "the bin lorry crushed our bin and it has a big crack",
            "bin has gone missing after collection day, need a new one",
        ],
        "pl": [
            "ktoś ukradł nasz kosz na kółkach",
            "kosz jest pęknięty po odbiorze, potrzebuję nowego",
        ],
        "ar": ["سرقت حاوية القمامة الخاصة بنا", "الحاوية مكسورة ونحتاج إلى واحدة جديدة"],
    },
    "report-fly-tipping": {
        "en": [
            "someone has dumped a load of rubble and bags at the end of the alley",
            "there's a pile of dumped mattresses and builders waste by the garages",
            "a van just tipped loads of rubbish in the lay-by",
            "old furniture dumped on the verge outside the park",
        ],
        "pl": [
            "ktoś wyrzucił gruz i worki na końcu uliczki",
            "porzucone meble i śmieci przy garażach",
        ],
        "ar": ["قام أحدهم برمي أكياس قمامة وأنقاض في الزقاق", "أثاث قديم مرمي بجانب الطريق"],
    },
    "report-dog-fouling": {
        "en": [
            "dog mess all over the pavement outside the school",
            "owners keep letting their dogs foul on the playing field and not clearing up",
            "there is dog poo everywhere on the footpath by the canal",
        ],
        "pl": ["pełno psich kup na chodniku przed szkołą"],
        "ar": ["فضلات الكلاب في كل مكان على الرصيف"],
    },
    "report-graffiti": {
        "en": [
            "someone has sprayed tags all over the wall of the underpass",
            "spray paint on the bus shelter and the shop shutters",
            "kids have painted scribble on the side of the community centre",
        ],
        "pl": ["ktoś pomalował sprayem ścianę przejścia podziemnego"],
        "ar": ["رسومات بالبخاخ على جدار النفق"],
    },
    "report-litter-street-cleaning": {
        "en": [
            "the street is covered in litter and nobody has swept it for weeks",
            "crisp packets and cans all along the road, it's filthy",
            "broken glass all over the pavement on the high street",
        ],
        "pl": ["ulica jest pełna śmieci i nikt jej nie sprząta"],
        "ar": ["الشارع مليء بالقمامة ولم ينظفه أحد منذ أسابيع"],
    },
    "report-noise-nuisance": {
        "en": [
            "my neighbours play loud music until 3am every night",
            "the dog next door barks all day while they're at work",
            "constant banging and shouting from the flat above keeps us awake",
            "house parties every weekend, the bass comes through the walls",
        ],
        "pl": [
            "sąsiedzi puszczają głośną muzykę do trzeciej w nocy",
            "pies sąsiada szczeka cały dzień",
        ],
        "ar": [
            "الجيران يشغلون الموسيقى بصوت عال حتى الساعة الثالثة ليلا",
            "كلب الجيران ينبح طوال اليوم",
        ],
    },
    "report-smoke-or-bonfire": {
        "en": [
            "my neighbour keeps burning rubbish in his garden and the smoke comes in our windows",
            "someone is having bonfires every evening, we can't dry washing",
        ],
        "pl": ["sąsiad pali śmieci w ogrodzie i dym wchodzi do domu"],
        "ar": ["جاري يحرق القمامة في حديقته والدخان يدخل بيتنا"],
    },
    "report-rats-or-mice": {
        "en": [
            "we have seen rats running along the fence and in the compost",
            "mice in the kitchen cupboards, droppings everywhere",
            "there's a rat problem by the communal bins behind our block",
        ],
        "pl": ["widzieliśmy szczury w ogrodzie", "myszy w kuchni, wszędzie odchody"],
        "ar": ["رأينا فئرانا كبيرة في الحديقة", "يوجد فئران في المطبخ"],
    },
    "report-wasps-nest": {
        "en": [
            "there's a wasp nest under the roof tiles above the back door",
            "wasps are coming in and out of a hole in the wall by the kids' bedroom",
        ],
        "pl": ["gniazdo os pod dachem nad drzwiami"],
        "ar": ["يوجد عش دبابير تحت السقف"],
    },
    "report-stray-dog": {
        "en": [
            "a dog without a collar has been wandering round the estate all day",
            "found a loose dog in the road, no owner about",
        ],
        "pl": ["bezpański pies błąka się po osiedlu"],
        "ar": ["كلب ضال يتجول في الحي منذ الصباح"],
    },
    "report-food-hygiene-concern": {
        "en": [
            "the takeaway on the corner had a mouse running across the counter",
            "the kitchen at the cafe looked filthy and the staff didn't wash their hands",
        ],
        "pl": ["w restauracji na rogu widziałem mysz na ladzie"],
        "ar": ["رأيت فأرا في مطبخ المطعم"],
    },
    "complain-about-taxi": {
        "en": [
            "the cab driver was rude and took a much longer route to charge me more",
            "private hire driver was on his phone the whole journey",
        ],
        "pl": ["taksówkarz był niegrzeczny i jechał okrężną drogą"],
        "ar": ["سائق التاكسي كان وقحا وأخذ طريقا أطول"],
    },
    "report-licensed-premises-problem": {
        "en": [
            "the pub on our street has people drinking outside way past closing time",
            "the bar keeps its doors open with loud music after midnight",
        ],
        "pl": ["pub na naszej ulicy jest otwarty po godzinie zamknięcia"],
        "ar": ["الحانة في شارعنا تبقى مفتوحة بعد منتصف الليل"],
    },
    "apply-householder-planning-permission": {
        "en": [
            "we want to build a single storey extension at the back of our house",
            "thinking of a loft conversion with a dormer, what do we need to apply for",
            "I'd like to put a porch on the front of my semi",
        ],
        "pl": ["chcemy zbudować przybudówkę z tyłu domu"],
        "ar": ["نريد بناء توسعة في الجزء الخلفي من المنزل"],
    },
    "report-planning-breach": {
        "en": [
            "the house next door is building a huge extension without any permission",
            "neighbour has put up a two storey outbuilding, I don't think it was approved",
        ],
        "pl": ["sąsiad buduje dużą przybudówkę bez pozwolenia"],
        "ar": ["جاري يبني ملحقا كبيرا بدون تصريح"],
    },
    "apply-building-regulations-approval": {
        "en": [
            "I'm taking out a load bearing wall and need the building regs sign off",
            "our builder says we need building control approval for the new kitchen",
        ],
        "pl": ["usuwam ścianę nośną i potrzebuję zgody nadzoru budowlanego"],
        "ar": ["سأزيل جدارا حاملا وأحتاج موافقة أنظمة البناء"],
    },
    "pay-council-tax": {
        "en": [
            "how can I pay this month's council tax, the link isn't working",
            "I want to make a payment towards my council tax bill by card",
            "where do I send money for my council tax",
        ],
        "pl": ["jak mogę zapłacić podatek lokalny za ten miesiąc"],
        "ar": ["كيف أدفع ضريبة المجلس لهذا الشهر"],
    },
    "tell-us-you-are-moving": {
        "en": [
            "I'm moving out of my flat on the 30th, please close my council tax account",
            "we've just moved into a new house in Headington, need to register for council tax",
            "I moved away from Oxford last month, who do I tell",
        ],
        "pl": ["wyprowadzam się z mieszkania pod koniec miesiąca"],
        "ar": ["سأنتقل من شقتي في نهاية الشهر"],
    },
    "apply-single-person-discount": {
        "en": [
            "my partner moved out so I live on my own now, can I get 25% off",
            "I'm the only adult in the house since my son left, do I pay less",
        ],
        "pl": ["mieszkam teraz sama, czy należy mi się zniżka"],
        "ar": ["أعيش الآن وحدي، هل يحق لي خصم"],
    },
    "get-help-council-tax-arrears": {
        "en": [
            "I've fallen behind on council tax and got a summons, I can't pay it all",
            "received a reminder letter for missed payments, can I pay in smaller amounts",
        ],
        "pl": ["mam zaległości w podatku lokalnym i dostałem wezwanie"],
        "ar": ["لدي متأخرات في ضريبة المجلس ولا أستطيع الدفع"],
    },
    "check-council-tax-band": {
        "en": [
            "I think our property is in the wrong band, the house next door pays less",
            "what band is my flat in and can it be looked at again",
        ],
        "pl": ["myślę, że nasze mieszkanie jest w złym przedziale"],
        "ar": ["أعتقد أن منزلي في الفئة الخطأ"],
    },
    "claim-council-tax-reduction": {
        "en": [
            "I'm on universal credit, can I get help paying council tax",
            "lost my job and can't afford the council tax, is there any support",
        ],
        "pl": ["jestem na zasiłku, czy mogę dostać obniżkę podatku"],
        "ar": ["أنا أتلقى إعانة، هل يمكنني الحصول على تخفيض الضريبة"],
    },
    "claim-housing-benefit": {
        "en": [
            "I'm a pensioner and struggling with my rent, can I claim help with it",
            "how do I claim help with the rent for my supported housing",
        ],
        "pl": ["jestem emerytem i nie stać mnie na czynsz, czy mogę dostać dodatek"],
        "ar": ["أنا متقاعد ولا أستطيع دفع الإيجار، هل يمكنني الحصول على مساعدة"],
    },
    "report-benefits-change": {
        "en": [
            "my hours at work have gone up, I need to update my claim",
            "my daughter has moved in with me, does that change my benefit",
        ],
        "pl": ["zmieniły się moje godziny pracy, muszę to zgłosić"],
        "ar": ["تغيرت ساعات عملي وأحتاج إلى تحديث طلبي"],
    },
    "get-help-homeless-tonight": {
        "en": [
            "I've been thrown out and have nowhere to sleep tonight",
            "my landlord changed the locks and I'm on the street with my kids",
            "sleeping in my car since Friday, please help",
        ],
        "pl": ["nie mam gdzie spać dzisiaj w nocy"],
        "ar": ["ليس لدي مكان أنام فيه الليلة"],
    },
    "get-help-at-risk-of-homelessness": {
        "en": [
            "I got a section 21 notice and have to leave in two months",
            "my landlord is selling and told us to go, we can't find anywhere",
        ],
        "pl": ["właściciel kazał nam się wyprowadzić za dwa miesiące"],
        "ar": ["المالك طلب منا المغادرة خلال شهرين"],
    },
    "apply-housing-register": {
        "en": [
            "how do I get on the list for a council flat",
            "we are overcrowded, four of us in one bedroom, can we apply for social housing",
        ],
        "pl": ["jak zapisać się na listę mieszkań komunalnych"],
        "ar": ["كيف أسجل في قائمة السكن الاجتماعي"],
    },
    "report-housing-repair": {
        "en": [
            "the kitchen tap in my council flat has been dripping for weeks",
            "the back door of my council house won't lock properly",
            "window in the bedroom of my flat is broken and won't shut",
            "toilet keeps running in my tenancy, can you send someone",
        ],
        "pl": ["w moim mieszkaniu komunalnym cieknie kran", "okno w sypialni jest zepsute"],
        "ar": ["الحنفية في شقتي تسرب الماء منذ أسابيع", "نافذة غرفة النوم مكسورة"],
    },
    "report-damp-and-mould": {
        "en": [
            "black mould on the bedroom walls and the baby keeps coughing",
            "condensation everywhere and the ceiling is going green",
            "damp patches spreading in the bathroom of my council flat",
        ],
        "pl": ["czarna pleśń na ścianach w sypialni dziecka", "wilgoć i grzyb w łazience"],
        "ar": ["عفن أسود على جدران غرفة النوم", "رطوبة وعفن في الحمام"],
    },
    "report-heating-breakdown": {
        "en": [
            "the boiler has stopped working and we have no hot water",
            "radiators are stone cold, heating broke down last night",
        ],
        "pl": ["piec przestał działać i nie mamy ciepłej wody"],
        "ar": ["توقف المرجل عن العمل وليس لدينا ماء ساخن"],
    },
    "get-help-rent-arrears": {
        "en": [
            "I'm behind on my council rent and worried about being evicted",
            "I owe a few weeks rent to the council, can I set up a plan",
        ],
        "pl": ["mam zaległości w czynszu i boję się eksmisji"],
        "ar": ["أنا متأخر في دفع الإيجار وأخشى الطرد"],
    },
    "report-private-rented-conditions": {
        "en": [
            "my private landlord won't fix the leaking roof in the house I rent",
            "the letting agent ignores us, there are no working smoke alarms",
        ],
        "pl": ["prywatny właściciel nie chce naprawić cieknącego dachu"],
        "ar": ["المالك الخاص يرفض إصلاح السقف الذي يسرب"],
    },
    "report-anti-social-behaviour": {
        "en": [
            "a group of youths hang around the stairwell every night drinking and intimidating people",
            "people dealing drugs outside our block, we feel unsafe",
            "motorbikes racing round the estate late at night",
        ],
        "pl": ["grupa młodzieży pije na klatce schodowej i zaczepia ludzi"],
        "ar": ["مجموعة من الشباب يشربون في الدرج ويخيفون الناس"],
    },
    "report-hate-incident": {
        "en": [
            "someone shouted racist abuse at my mum at the bus stop",
            "we keep being targeted because of our religion, someone wrote slurs on our door",
        ],
        "pl": ["ktoś obrażał moją mamę z powodu jej pochodzenia"],
        "ar": ["أحدهم صرخ بإهانات عنصرية على والدتي"],
    },
    "register-to-vote": {
        "en": [
            "I just turned 18, how do I get on the electoral roll",
            "I moved house and need to be able to vote at my new address",
        ],
        "pl": ["jak zapisać się do głosowania w wyborach lokalnych"],
        "ar": ["كيف أسجل للتصويت في الانتخابات"],
    },
    "apply-postal-vote": {
        "en": [
            "I'll be away on polling day, can I vote by post",
            "my dad can't get to the polling station, can he have a postal ballot",
        ],
        "pl": ["chcę głosować korespondencyjnie"],
        "ar": ["أريد التصويت بالبريد"],
    },
    "report-park-problem": {
        "en": [
            "the swings in the playground are broken and dangerous",
            "the gate to the park has come off its hinges",
        ],
        "pl": ["huśtawki na placu zabaw są zepsute"],
        "ar": ["الأراجيح في الملعب مكسورة"],
    },
    "apply-for-allotment": {
        "en": [
            "I'd love a plot to grow vegetables, is there a waiting list",
            "how do I rent a growing plot near Cowley",
        ],
        "pl": ["chciałbym działkę do uprawy warzyw"],
        "ar": ["أريد قطعة أرض لزراعة الخضروات"],
    },
    "challenge-parking-fine-car-park": {
        "en": [
            "I got a ticket in the car park but I had paid, I have the receipt",
            "want to appeal the penalty notice from the multi storey, the machine was broken",
        ],
        "pl": ["dostałem mandat na parkingu, choć zapłaciłem"],
        "ar": ["حصلت على مخالفة في موقف السيارات رغم أنني دفعت"],
    },
    "apply-residents-parking-permit": {
        "en": [
            "I've moved into a controlled zone and need a permit for my car",
            "how do I get visitor permits for my street",
        ],
        "pl": ["potrzebuję pozwolenia na parkowanie przy mojej ulicy"],
        "ar": ["أحتاج تصريح وقوف السيارات لشارعي"],
    },
    "report-pothole": {
        "en": [
            "there's a huge hole in the road that damaged my tyre",
            "deep crater in the carriageway on Botley Road, cyclists swerving round it",
        ],
        "pl": ["w jezdni jest wielka dziura, uszkodziłem oponę"],
        "ar": ["حفرة كبيرة في الطريق أتلفت إطار سيارتي"],
    },
    "report-street-light-fault": {
        "en": [
            "the lamp post outside number 12 has been out for a week, it's pitch black",
            "street lamp keeps flickering on and off all night",
        ],
        "pl": ["latarnia przed domem nie świeci od tygodnia"],
        "ar": ["عمود الإنارة أمام المنزل لا يعمل منذ أسبوع"],
    },
    "arrange-burial": {
        "en": [
            "my father passed away and we want him buried at Botley cemetery",
            "how do we book a grave for my nan's funeral",
        ],
        "pl": ["mój ojciec zmarł i chcemy go pochować na cmentarzu"],
        "ar": ["توفي والدي ونريد دفنه في المقبرة"],
    },
    "arrange-cremation": {
        "en": [
            "the funeral director asked us to sort the crematorium booking for mum",
            "what are the fees at the crematorium for a service next week",
        ],
        "pl": ["chcemy zarezerwować kremację dla mamy"],
        "ar": ["نريد حجز موعد لحرق جثمان والدتي"],
    },
    "make-foi-request": {
        "en": [
            "under the freedom of information act please send me how much you spent on consultants",
            "I'd like figures for the number of parking tickets issued last year under FOI",
        ],
        "pl": ["proszę o informację publiczną o wydatkach urzędu na konsultantów"],
        "ar": ["أطلب بموجب قانون حرية المعلومات معرفة المبالغ المنفقة على الاستشاريين"],
    },
    "make-complaint": {
        "en": [
            "I am very unhappy with how your staff treated me on the phone and want to complain",
            "nobody has replied to my three emails, this service is a disgrace",
        ],
        "pl": ["chcę złożyć skargę na sposób, w jaki mnie potraktowano"],
        "ar": ["أريد تقديم شكوى بشأن الطريقة التي عوملت بها"],
    },
}
