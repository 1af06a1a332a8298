# The handoff sheet's fixed texts, in Arabic (Modern Standard, simple). Reference: fr.ftl.
# Plain words, short sentences. Instructions use "يُرجى" + noun, which is polite and fits a man or a woman.

# The language's own name, as its speakers write it.
language-name = العربية

## The sheet

sheet-title = ورقة التوجيه
intro = هذه أماكن يمكنها مساعدتك. يُرجى الاحتفاظ بهذه الورقة، وإظهارها عند الذهاب إلى هناك.
label-date = التاريخ
label-for = الاسم
no-orientation = لم يتم اختيار أي مكان حتى الآن.
label-why = لماذا هذا المكان
free = الخدمة مجانية.
label-next = الخطوة التالية
next-call = يُرجى الاتصال بهم قبل الذهاب.
next-visit = يُرجى الذهاب إليهم مع هذه الورقة.
next-email = يُرجى إرسال بريد إلكتروني إليهم.
next-link = يُرجى حجز موعد عبر الإنترنت، بالرابط أو برمز QR.
next-referral = يجب أن يتصل بهم شخص مختص نيابةً عنك: يُرجى طلب ذلك من الشخص الذي يساعدك.
section-contact = للتواصل معهم
label-phone = الهاتف
label-email = البريد الإلكتروني
label-appointment = حجز موعد عبر الإنترنت
label-website = الموقع الإلكتروني
qr-caption-appointment = لحجز موعد عبر الإنترنت، يُرجى توجيه كاميرا الهاتف نحو هذا الرمز.
qr-caption-website = لرؤية صفحتهم على الإنترنت، يُرجى توجيه كاميرا الهاتف نحو هذا الرمز.
section-go = طريقة الوصول
label-address = العنوان
label-hours = أوقات العمل
label-access = معلومات مفيدة، وما يجب إحضاره
label-centre = هذه الورقة من
label-centre-phone = هاتف مركزنا
closing = إذا احتجت إلى مساعدة، يمكنك العودة إلينا.
page-number = الصفحة { $page } من { $pages }

## The easy-read sheet: one idea per line, short words

easy-title = أين أجد المساعدة؟
easy-intro = يُرجى الاحتفاظ بهذه الورقة.
easy-why = لماذا
easy-address = أين
easy-phone = الهاتف
easy-hours = متى
easy-bring = معلومات مهمة
easy-next = ماذا أفعل
easy-free = الخدمة مجانية.
easy-closing = بحاجة إلى مساعدة؟ يمكنك العودة إلينا.

## Opening hours in words

day-1 = الاثنين
day-2 = الثلاثاء
day-3 = الأربعاء
day-4 = الخميس
day-5 = الجمعة
day-6 = السبت
day-7 = الأحد
# From one day to another, e.g. "من الاثنين إلى الجمعة".
days-range = من { $first } إلى { $last }
# Two items of a list, e.g. "الاثنين والخميس" ("و" joins the next word).
list-and = { $first } و{ $last }
every-day = كل يوم
holidays = أيام العطل الرسمية
# A time of day: 9:00, 12:30.
time = { $hour }:{ $minute }
time-span = من { $from } إلى { $to }
# An opening: the days, then the times, e.g. "من الاثنين إلى الجمعة، من 9:00 إلى 12:00".
rule-open = { $days }، { $times }
rule-closed = { $days }: مغلق
always-open = مفتوح كل يوم، ليلًا ونهارًا

## Each need in short words, for the easy-read sheet.

easy-need-demarche_accompagnee = لإنجاز معاملتك الإدارية بمساعدة شخص.
easy-need-equipement = للحصول على هاتف أو كمبيوتر بسعر رخيص.
easy-need-connexion = للحصول على الإنترنت.
easy-need-francais = لتعلّم اللغة الفرنسية.
easy-need-accompagnement_individuel = لتعلّم استخدام الهاتف أو الكمبيوتر، مع شخص يساعدك أنت وحدك.
easy-need-atelier_fondamentaux = لتعلّم استخدام الهاتف أو الكمبيوتر، ضمن مجموعة.
easy-need-demarches_en_ligne = لتعلّم إنجاز المعاملات الإدارية عبر الإنترنت.
easy-need-emploi = للبحث عن عمل.
easy-need-securite = لتجنّب الاحتيال على الإنترنت.
easy-need-autonomie = لمواصلة التعلّم بمفردك.

## Each need as a full sentence (French and English take it from the questionnaire).

need-demarche_accompagnee = لإنجاز معاملتك الإدارية الآن، مع شخص يساعدك أو يقوم بها نيابةً عنك.
need-equipement = للحصول على هاتف أو كمبيوتر بسعر منخفض. وفي انتظار ذلك، مكان لاستخدام الكمبيوتر مجانًا.
need-connexion = للوصول إلى الإنترنت بسهولة أكبر، في بيتك أو على هاتفك.
need-francais = لتحسين لغتك الفرنسية، في الكلام وفي الكتابة، بالسرعة التي تناسبك.
need-accompagnement_individuel = لتعلّم استخدام هاتفك أو كمبيوترك خطوة بخطوة، مع شخص يساعدك أنت وحدك.
need-atelier_fondamentaux = للتعوّد على استخدام هاتفك أو كمبيوترك، في دروس مع أشخاص آخرين.
need-demarches_en_ligne = لتعلّم إنجاز معاملاتك الإدارية عبر الإنترنت (المساعدات العائلية CAF، التأمين الصحي ameli، الضرائب…) ومعرفة حقوقك.
need-emploi = لمساعدتك في البحث عن عمل: عروض العمل، والسيرة الذاتية (CV)، والتقديم على الوظائف عبر الإنترنت.
need-securite = لاستخدام الإنترنت بأمان: التعرّف على الاحتيال، وحماية كلمات المرور.
need-autonomie = لمواصلة التعلّم بالسرعة التي تناسبك. يمكنك التدرّب مجانًا على موقع Pix (pix.fr) أو موقع Les Bons Clics (lesbonsclics.fr).
