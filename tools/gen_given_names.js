#!/usr/bin/env node
// gen_given_names.js - write rawi's Arabic GIVEN_NAME list (gazetteers/ar/given_names.tsv).
//
// Sources:
//   1. CORE below: frequent Arabic given names and foreign given names as Arabic news writes
//      them, hand-written for rawi (same licence as rawi).
//   2. The name database of the npm package arabic-name-to-en 1.0.6 (ISC licence, by
//      HamdonGunner): cases/fullnamedb.js maps about 2,500 Arabic names (mostly Iraqi) to a
//      Latin spelling.  Its names are filtered: Arabic letters only, no article-initial
//      family names (الشمري), no glued compounds (حيدرجميل), no ordinary words (STOP).
//
// Run (never install the package inside the repository):
//   mkdir -p /tmp/gn && (cd /tmp/gn && npm install arabic-name-to-en@1.0.6)
//   node tools/gen_given_names.js /tmp/gn/node_modules/arabic-name-to-en > gazetteers/ar/given_names.tsv
//
// Ids are given/<latin>: the Latin form from CORE, else the package's Latin spelling
// lowercased (ASCII letters only), else a transliteration.  Output is deterministic.
'use strict';
const path = require('path');

// name:latin pairs; several Arabic spellings may share one Latin id (variants).
const CORE = `
محمد:mohammed محمود:mahmoud أحمد:ahmad حامد:hamed حمد:hamad علي:ali حسن:hassan حسين:hussein حسان:hassan
عمر:omar عمرو:amr عثمان:othman خالد:khaled خليل:khalil إبراهيم:ibrahim إسماعيل:ismail إسحاق:ishaq يعقوب:yaqub
يوسف:yousef موسى:musa عيسى:issa داود:dawud سليمان:suleiman يحيى:yahya زكريا:zakaria يونس:younes إلياس:elias
آدم:adam نوح:nuh هارون:harun أيوب:ayoub صالح:saleh هود:hud شعيب:shuaib إدريس:idris مصطفى:mustafa
عبد الله:abdullah عبدالله:abdullah عبد الرحمن:abdulrahman عبدالرحمن:abdulrahman عبد العزيز:abdulaziz
عبد الكريم:abdulkarim عبد الرحيم:abdulrahim عبد الحميد:abdulhamid عبد المجيد:abdulmajid عبد الفتاح:abdulfattah
عبد الملك:abdulmalik عبد الرزاق:abdulrazzaq عبد اللطيف:abdullatif عبد الغني:abdulghani عبد الحليم:abdulhalim
عبد القادر:abdulqader عبد الباسط:abdulbasit عبد السلام:abdulsalam عبد الوهاب:abdulwahab عبد الإله:abdulilah
عبد الأمير:abdulamir عبد الحسين:abdulhussein عبد المهدي:abdulmahdi عبد الهادي:abdulhadi عبد الناصر:abdulnasser
عبد الجبار:abduljabbar عبد الستار:abdulsattar عبد الرؤوف:abdulraouf عبد المنعم:abdulmoneim عبد الواحد:abdulwahid
عبد الحكيم:abdulhakim عبد الخالق:abdulkhaliq عبد الودود:abdulwadud عبد ربه:abdrabbuh
أبو بكر:abubakr فيصل:faisal فهد:fahd سلطان:sultan سلمان:salman سعود:saud تركي:turki نايف:nayef بندر:bandar
مشعل:mishal متعب:mitab منصور:mansour زايد:zayed خليفة:khalifa راشد:rashid حمدان:hamdan مكتوم:maktoum
تميم:tamim جاسم:jassim جابر:jaber صباح:sabah نواف:nawaf قابوس:qaboos هيثم:haitham بدر:badr
سعد:saad سعيد:saeed سعدون:saadoun أسعد:asaad مسعود:massoud سامي:sami سامر:samer سمير:samir سليم:salim
كريم:karim جميل:jamil جمال:jamal كمال:kamal جلال:jalal بلال:bilal طلال:talal هلال:hilal عادل:adel
عاصم:asem عصام:issam هشام:hisham وسام:wissam حسام:hussam بسام:bassam همام:humam عماد:imad رياض:riad
زياد:ziad إياد:iyad مراد:murad فؤاد:fuad جواد:jawad نزار:nizar نبيل:nabil جليل:jalil شريف:sharif
طارق:tariq ماجد:majed مجيد:majid وليد:walid خالدة:khalida رشيد:rashid سعدي:saadi فاروق:farouk
نوري:nouri قاسم:qasim باسم:basim هاشم:hashim عاصف:asef حاتم:hatem حازم:hazem ناظم:nazim كاظم:kazem
جعفر:jaafar باقر:baqir صادق:sadiq هادي:hadi مهدي:mahdi رضا:reda مرتضى:murtada مقتدى:muqtada عمار:ammar
حيدر:haidar عباس:abbas قيس:qais عدي:uday قصي:qusay صدام:saddam بشار:bashar حافظ:hafez ماهر:maher رامي:rami
فادي:fadi شادي:shadi هاني:hani رائد:raed وائل:wael أيمن:ayman أنور:anwar أنس:anas أسامة:osama
معاذ:muadh مصعب:musab حمزة:hamza طه:taha ياسين:yassin ياسر:yasser يزيد:yazid زيد:zaid لؤي:luay
نبيه:nabih وجيه:wajih رفيق:rafik توفيق:tawfiq شفيق:shafik صلاح:salah نجيب:najib حبيب:habib
منير:munir بشير:bashir نذير:nadhir ناصر:nasser منذر:mundhir نصر:nasr نصر الله:nasrallah فتحي:fathi
رمضان:ramadan شعبان:shaaban رجب:rajab جمعة:jumaa خميس:khamis صبري:sabri فخري:fakhri حلمي:helmi
حسني:hosni لطفي:lutfi فوزي:fawzi شكري:shukri رشدي:rushdi مجدي:magdy سامح:sameh عاطف:atef
أشرف:ashraf شريف:sharif هيثم:haitham أكرم:akram عمرو:amr طلعت:talaat مدحت:medhat عزت:izzat رفعت:rifaat
نبيل:nabil إيهاب:ihab تامر:tamer باسل:basel مازن:mazen غسان:ghassan عدنان:adnan قحطان:qahtan عدنان:adnan
مروان:marwan سفيان:sufyan عدنان:adnan معين:moein غازي:ghazi فارس:fares فراس:firas ليث:laith
عامر:amer عمران:imran رضوان:radwan عرفات:arafat هاني:hani حسنين:hassanein عقيل:aqil نعيم:naim
إسلام:islam أمين:amin مأمون:mamoun معتصم:mutasim منتصر:muntasir مؤيد:muayyad موفق:muwaffaq
جبريل:jibril ميخائيل:mikhail الياس:elias
فاطمة:fatima عائشة:aisha خديجة:khadija زينب:zainab مريم:maryam آمنة:amina أمينة:amina سارة:sara
هاجر:hajar رقية:ruqayya سكينة:sakina حليمة:halima نفيسة:nafisa أسماء:asma سمية:sumaya حفصة:hafsa
ليلى:laila ليلي:laila سلمى:salma سلوى:salwa هدى:huda نور:nour نورة:noura نوال:nawal منى:mona
سعاد:suad سهام:siham سميرة:samira أميرة:amira جميلة:jamila رانيا:rania رنا:rana رشا:rasha ريم:reem
دينا:dina دعاء:doaa إيمان:iman أمل:amal هالة:hala هبة:heba غادة:ghada نادية:nadia ناديا:nadia
حنان:hanan حنين:hanin جنى:jana لينا:lina لمى:lama ريما:rima رزان:razan ديما:dima شيرين:shirin
نسرين:nisreen ياسمين:yasmin سوسن:sawsan وفاء:wafaa صفاء:safaa ضحى:duha بشرى:bushra نجلاء:najla
نجوى:najwa ندى:nada نهى:noha هند:hind هيفاء:haifa لبنى:lubna رحاب:rehab عبير:abeer إلهام:ilham
ابتسام:ibtisam انتصار:intisar فدوى:fadwa بثينة:buthaina توكل:tawakkol خولة:khawla زهراء:zahraa
زهرة:zahra بتول:batoul سلام:salam سناء:sanaa وداد:widad كوثر:kawthar مها:maha لميس:lamis تغريد:taghrid
ميسون:maysoon سهى:suha علا:ola آلاء:alaa منال:manal أسيل:aseel رغد:raghad شهد:shahad تسنيم:tasnim
رحمة:rahma مروة:marwa جيهان:jihan نرجس:narges فرح:farah ملك:malak
# foreign given names as Arabic news writes them
جون:john جورج:george جو:joe جوزيف:joseph جيمس:james جاك:jack جيم:jim بيل:bill باراك:barack دونالد:donald
أنتوني:antony أنطوني:antony أنطونيو:antonio مايك:mike مايكل:michael ميشال:michel ميشيل:michel ميخائيل:mikhail
ديفيد:david دافيد:david روبرت:robert ريتشارد:richard توماس:thomas تشارلز:charles كريستوفر:christopher
ماثيو:matthew مارك:mark ستيفن:stephen ستيفان:stephane بيتر:peter بول:paul بولس:paul فيليب:philippe
فيليبي:felipe هنري:henry وليام:william ويليام:william إدوارد:edward ألبرت:albert ألكسندر:alexander
ألكسندرا:alexandra أندرو:andrew أندريه:andrei أندريس:andres كيفن:kevin كيث:keith برايان:brian
سكوت:scott تيد:ted توني:tony تيم:tim لويد:lloyd راي:ray روي:roy رون:ron جيف:jeff جيرمي:jeremy جيريمي:jeremy
نيد:ned ماري:marie ماريا:maria ماريان:marianne آن:anne آنا:ana إليزابيث:elizabeth هيلاري:hillary
كوندوليزا:condoleezza كامالا:kamala نانسي:nancy سوزان:susan سارا:sara جينيفر:jennifer جين:jen كارين:karine
كاثرين:catherine كريستين:christine فيكتوريا:victoria ميلانيا:melania ميشيل:michelle أنجيلا:angela
أنغيلا:angela أورسولا:ursula جورجيا:giorgia تيريزا:theresa مارغريت:margaret إيمانويل:emmanuel
فرانسوا:francois نيكولا:nicolas نيكولاس:nicolas جاك:jacques جان:jean بيير:pierre لوران:laurent
آلان:alain ميشال:michel إيريك:eric أولاف:olaf هيلموت:helmut فرانك:frank فولفغانغ:wolfgang ماتيو:matteo
ماريو:mario سيلفيو:silvio جوزيبي:giuseppe باولو:paolo لويجي:luigi بيدرو:pedro خوان:juan خوسيه:jose
خورخي:jorge لويس:luis كارلوس:carlos غوستافو:gustavo جوستافو:gustavo غابرييل:gabriel جابرييل:gabriel
فرناندو:fernando فرانسيسكو:francisco ميغيل:miguel ألفارو:alvaro إيفان:ivan رافائيل:rafael رافاييل:rafael
دانيال:daniel دانييل:daniel سانتياغو:santiago سيباستيان:sebastian ريكاردو:ricardo ألبرتو:alberto
أليخاندرو:alejandro إنريكي:enrique إرنستو:ernesto هوغو:hugo هوجو:hugo نيكولاس:nicolas فيدل:fidel
راؤول:raul إيفو:evo ديلسي:delcy كريستينا:cristina ميشيل:michelle دينا:dina كلاوديا:claudia خافيير:javier
فلاديمير:vladimir سيرغي:sergei سيرجي:sergei ديمتري:dmitry دميتري:dmitry ميخائيل:mikhail بوريس:boris
يفغيني:yevgeny أليكسي:alexei نيكولاي:nikolai يوري:yuri إيغور:igor فيكتور:viktor فولوديمير:volodymyr
ماريا:maria يوليا:yulia أولغا:olga ناتاليا:natalia رجب:recep أحمد:ahmet مولود:mevlut هاكان:hakan
بنيامين:benjamin إيهود:ehud أرييل:ariel شمعون:shimon إسحاق:yitzhak يائير:yair نفتالي:naftali بيني:benny
يوآف:yoav أفيغدور:avigdor تسيبي:tzipi موشيه:moshe شي:xi لي:li كيم:kim ناريندرا:narendra راهول:rahul
`;

// Ordinary words, titles, places and family names found in the package's list.
const STOP = new Set(`
ابو ال الم اكو احد اسود اعجمي اوج ايه بان باني بحر بداع برو بسته بطي بكي بلم بير تالي تايه تحرير ترتيب تعبان
تكليف تموز ثاني ثروة ثعبان ثوره جار جارح جاري جاهل جبلي جري جريان جسم جمر جنرال جهادي جهل حاجي حاكم حبي حرج
حرز حلو حير خادم خاف خدام خدر خريج خشن خلف خلخال خير داخل در دخان دلي ديلي ديوان ذكريات رامل راكع رخيص رحم
رسم رسن رمح ره زبال زباله زمان زمن زياره ساهي سبع سبتي سجود سكران سند سهول شاطي شجر شخير شديد شكر شمال شمس
صبر صحن صريع ضعيف ضمير ضفاف طال طيار طوفان عا عاد عادي عازل عاصي عب عتاد عجب عجر عذاب عراق عرد عسل عطب عطشان
علك عمال عوج عيد غائب غافل غالي غايب غربي غريب غضبان فاقد فتين فجر فذ فرعون فريق فزع فضاء فنجان فيض قابل قائد
قادر كار كاكا كافي كردي كرم كمر كوت لابد لاتي لازم لكن لي لواء ماج ماشي ماضي مال مالح مايع مايل متي مثال مجهول
محل محلول مخرب مد مدفون مدن مذكور مرهون مسافر مشكل مشهد مطرود مطر مظلوم مفتاح مفتول مقبولة مكلف ملا مله منفي
منسي موات ميعاد نمل نهار نعاس ند هه وادي والي وزير ولي وه وهد رئيس شيخ ملكة خزانة خيال تحيات ماغر مزمل حرم
حصة روح راحة تاج عظمى وكيل وجه هجرى زفير زيم إسرائيل باريس إمام قنطرة مينى عيني أمت أبو شيت إتو نجي نظلي سني
سنية اعتدال عرفان جاذبية إمتياز معراج رملة حكمة حفصى إسهامي عزتي يشم جفريا مهاة نضرة رجية سلوة طالبة هدية بركة
فضة طوبى ثرية مبينة رشاش زعلان سرور شوكة شوكه صافي طيب طيبة عاتي وعد تميمي كوهن ليفي مزراحي كاتز فريدمان سيغال
أبراهام غرينبرغ أشكنازي روزنبرغ بيتون غولدشتاين فيلدمان غولدبرغ ساسون جولدمان ليبرمان أدلر شتاين هيرش قاسملو
حفناوي خلايلة باعبود بوزيان بنسعيد فرغلي شنب حجو تجاني عواملة اكديمي اسدي دليمي جبوري كرجي عبد عبدال اسد
مشرق مشرف مصدق مكي مرشد منجد ماهود معله موجد مويد مؤيد كامل خاشع صياح طراد خنجر سيف شاهين نسيم فرات فريد
ملاك قدير نبأ نباء نداء ولاء جهاد نضال كفاح فداء فلاح مناضل نجاح غفران ميثاق ثائر ثابت عماد عمار أمير بهار
ديفيد ديفا إيف باسيل كلارا ماريا لونجا خانه بانو رفيق خان شاهزادة تشودري
دنيا بدري جبر حكيم بصير خطاب حزام جبار خليف خيرات بركات تحية ثناء تبارك حياد بوح تبسم تهاني جودة جوهر جوهرة
جواهر ختام بهجة إقبال إكرام إنصاف إيثار اعتماد افتخار اشراق اشواق استبرق أمانة أنوار أنهار أسرار أسرى أصالة
أفاق أفراح أجود أليف ألماس بشر بلاسم بصيص حقي حليف حسيب حظي خالص خضر خمائل ذكاء ذكية رؤى راجح رافد سهر شهيد
طالب شامل عايش عاقل عليل عنيد عودة عون عوض غالب غني فضل فخر لقاء مؤمن مبارك مجاهد محارب محب محرم مختار مخلص
مسلم معروف مفيد مقدام ممتاز مطلق منيع مهيب مولى ميلاد ناجح نافع نجم نجمة نظام نظيف نعمة نغم نغمة هاتف هداية
واسع واعي وافد وحيد ورد ورده وقار يسار يمنى صاحب صبار صخر صديق ظاهر عائد مظاهر مظهر مثقال مدرك مشكور مطلب
معتمد شكران شلال سوادي سيد شبل عبيد عذراء عنبر غزال غصون فراش فرحة فردوس قبال كشكول كلف لاله مسير مهنه ميس
ميسر نشات وسيله وطبان ياس يعسوب وزي هنود عبدالحميدمضر عبداليمه علاالله نعمت فرحان كنار شري طيف
`.split(/\s+/).filter(Boolean));

const KEEP_AL = new Set(['الاء', 'الياس', 'الهام']);

function fail(msg) {
    process.stderr.write('gen_given_names: ' + msg + '\n');
    process.exit(1);
}

// The matcher's normalisation (diacritics, hamza forms, alef maqsura, ta marbuta).
function norm(s) {
    return s.replace(/[\u064B-\u065F\u0670\u0640]/g, '').replace(/[أإآٱ]/g, 'ا')
        .replace(/ى/g, 'ي').replace(/ة/g, 'ه');
}

const TR = {ا:'a',ب:'b',ت:'t',ث:'th',ج:'j',ح:'h',خ:'kh',د:'d',ذ:'dh',ر:'r',ز:'z',س:'s',ش:'sh',ص:'s',ض:'d',
            ط:'t',ظ:'z',ع:'a',غ:'gh',ف:'f',ق:'q',ك:'k',ل:'l',م:'m',ن:'n',ه:'h',و:'w',ي:'y',ء:'',ؤ:'u',ئ:'i'};
function translit(s) {
    return [...norm(s)].map((c) => (c in TR ? TR[c] : '')).join('');
}

function slug(latin) {
    return latin.normalize('NFKD').replace(/[^A-Za-z]/g, '').toLowerCase();
}

function main() {
    const pkg = process.argv[2];
    if (!pkg) fail('usage: gen_given_names.js PATH/TO/node_modules/arabic-name-to-en > gazetteers/ar/given_names.tsv');
    let db;
    try {
        db = require(path.resolve(pkg, 'cases', 'fullnamedb.js'));
    } catch (e) {
        fail('cannot read ' + pkg + '/cases/fullnamedb.js: ' + e.message);
    }
    const version = require(path.resolve(pkg, 'package.json')).version;

    const lines = [];
    const seen = new Set();        // normalised surface
    const idOfNorm = new Map();
    function add(surface, id, source) {
        const n = norm(surface);
        if (seen.has(n)) return;
        seen.add(n);
        idOfNorm.set(n, id);
        lines.push(`${surface}\tGIVEN_NAME\tgiven/${id}\tsource=${source}`);
    }

    // Multi-word names first (عبد الله, أبو بكر, نصر الله), then one-word name:latin pairs.
    let core = CORE.replace(/^#.*$/gm, ' ');
    core = core.replace(/((?:عبد|أبو|نصر) [^\s:]+):([a-z]+)/g, (m, ar, latin) => {
        add(ar, latin, 'rawi');
        return ' ';
    });
    for (const tok of core.split(/\s+/).filter(Boolean)) {
        const [ar, latin] = tok.split(':');
        if (!ar || !latin) fail('bad CORE entry: ' + tok);
        add(ar, latin, 'rawi');
    }

    const keys = Object.keys(db);
    const keyNorms = new Set(keys.map(norm));
    let fromPkg = 0;
    for (const k of keys.slice().sort()) {
        const name = k.trim();
        if (!/^[\u0621-\u064A]{2,12}$/.test(name)) continue;        // Arabic letters only, one word
        if (/[ةى]./.test(name) || /^[ةىء]/.test(name)) continue;     // Kurdish ة-as-vowel, broken keys
        if (name.startsWith('ال') && !KEEP_AL.has(name)) continue;   // family names, fragments
        if (STOP.has(name) || STOP.has(norm(name))) continue;
        if (/اوي$/.test(name)) continue;                              // nisba family names
        const n = norm(name);
        let glued = false;
        if (!n.startsWith('عبد') && !/(الله|الدين)$/.test(n)) {
            for (let i = 3; i <= n.length - 3 && !glued; i++)
                glued = keyNorms.has(n.slice(0, i)) && keyNorms.has(n.slice(i));
        }
        if (glued) continue;
        if (seen.has(n)) continue;
        let id = slug(String(db[k] || '')) || translit(name);
        if (!id) continue;
        add(name, id, 'arabic-name-to-en');
        fromPkg++;
    }

    const out = [];
    out.push('# rawi gazetteer: GIVEN_NAME class (ar): given names as Arabic news writes them');
    out.push('# GENERATED by tools/gen_given_names.js; do not edit by hand. Regenerate with');
    out.push('#   mkdir -p /tmp/gn && (cd /tmp/gn && npm install arabic-name-to-en@' + version + ')');
    out.push('#   node tools/gen_given_names.js /tmp/gn/node_modules/arabic-name-to-en > gazetteers/ar/given_names.tsv');
    out.push('# Sources: source=rawi lines are hand-written for rawi (frequent Arabic names and foreign');
    out.push('# names in Arabic script); source=arabic-name-to-en lines come from the name database of the');
    out.push('# npm package arabic-name-to-en ' + version + ' (ISC licence, (c) HamdonGunner), filtered: one Arabic');
    out.push('# word, no article-initial family names, no glued compounds, no ordinary words.');
    out.push('# Licence: rawi lines same as rawi; package-derived lines ISC (permissive, notice kept here).');
    out.push('# Ambiguity: many given names are also ordinary words (أمل hope, نور light, سلام peace, جمعة');
    out.push('# Friday, صباح morning, نصر victory, جهاد struggle); rules must not tag a GIVEN_NAME alone as a');
    out.push('# PERSON. Ids given/<latin> group spelling variants (ليلى/ليلي -> given/laila).');
    out.push('# Columns: surface<TAB>type<TAB>id<TAB>attributes');
    process.stdout.write(out.concat(lines).join('\n') + '\n');
    process.stderr.write(`gen_given_names: ${lines.length} names (${fromPkg} from arabic-name-to-en ${version})\n`);
}

main();
