"""The standard letter to workers (guide, phase 3, step 7), in the languages workers read.

The guide: when workers cannot be briefed before interviews, each interview opens by handing over a
standard letter, signed by the lead assessor or the commissioning business, and reading it aloud to
workers who cannot read. It covers purpose, voluntariness, confidentiality, non-retaliation, the
follow-up contact and where to find help.

These texts are content, not interface: each language is written out in full here, with
placeholders filled from the engagement. The Burmese and Khmer versions should be checked by a
native speaker from the assessment team before they are printed for an engagement.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LetterText:
    code: str
    name: str  # the language's own name
    english_name: str
    title: str
    greeting: str
    sections: tuple[tuple[str, str], ...]  # (heading, paragraph with {placeholders})
    services_intro: str
    no_services: str
    closing: str
    signed: str
    countries: tuple[str, ...] = ()  # origin countries whose services are listed; () = all


ENGLISH = LetterText(
    code="en",
    name="English",
    english_name="English",
    title="Information for workers about the assessment",
    greeting="Dear worker,",
    sections=(
        (
            "Why we are here",
            "{organisation} is carrying out an assessment of how workers at {business} are recruited, employed and "
            "treated, from your home community to your workplace. The assessment was asked for by {commissioned_by}. "
            "We want to learn from your experience so that problems can be found and put right, for example "
            "recruitment fees that workers should never have paid.",
        ),
        (
            "Taking part is your choice",
            "You decide whether to take part. You can skip any question or stop the interview at any time, and "
            "nothing bad will happen to you. Interviews take place {period} at {place}, during working hours; your "
            "pay is not reduced for the time you spend with us.",
        ),
        (
            "What you say stays confidential",
            "We do not write your name next to your answers, we do not record the interview, and we never tell your "
            "employer, your recruiter or anyone else what you said. Results are only reported as totals of many "
            "workers.",
        ),
        (
            "No one may punish you",
            "No one may punish, threaten, dismiss or treat you worse because you spoke with us, or because you chose "
            "not to. The company has agreed to this. If it happens, tell us at once.",
        ),
        (
            "How to reach us later",
            "If you have a question later, want to report a problem, or are treated badly after speaking with us, "
            "call us free of charge on {phone} ({hours}). You can also ask your interviewer for help.",
        ),
    ),
    services_intro="These services can also help you, free of charge unless stated:",
    no_services="Ask your interviewer for the support services near you.",
    closing="Thank you.",
    signed="Signed",
)

BURMESE = LetterText(
    code="my",
    name="မြန်မာ",
    english_name="Burmese",
    title="စစ်ဆေးအကဲဖြတ်မှုအကြောင်း အလုပ်သမားများအတွက် သတင်းအချက်အလက်",
    greeting="အလုပ်သမား မိတ်ဆွေ၊",
    sections=(
        (
            "ကျွန်ုပ်တို့ ရောက်ရှိလာရသည့် အကြောင်းရင်း",
            "{organisation} သည် {business} ရှိ အလုပ်သမားများကို သင်၏ ဇာတိရပ်ရွာမှ အလုပ်ခွင်အထိ မည်သို့ "
            "ခေါ်ယူခဲ့သည်၊ အလုပ်ခန့်ထားသည်နှင့် ဆက်ဆံသည်ကို စစ်ဆေးအကဲဖြတ်နေပါသည်။ ဤစစ်ဆေးမှုကို "
            "{commissioned_by} က တောင်းဆိုထားပါသည်။ အလုပ်သမားများ မပေးဆောင်သင့်သော အလုပ်ရှာဖွေရေး "
            "ကြေးငွေများကဲ့သို့ ပြဿနာများကို ရှာဖွေပြီး ပြုပြင်နိုင်ရန် သင့်အတွေ့အကြုံကို သိလိုပါသည်။",
        ),
        (
            "ပါဝင်ခြင်းသည် သင့်ဆန္ဒအလျောက် ဖြစ်သည်",
            "ပါဝင်မည် မပါဝင်မည်ကို သင်ကိုယ်တိုင် ဆုံးဖြတ်ပါ။ မည်သည့်မေးခွန်းကိုမဆို မဖြေဘဲ ကျော်နိုင်ပြီး "
            "မည်သည့်အချိန်တွင်မဆို အင်တာဗျူးကို ရပ်နိုင်ပါသည်။ ထိုသို့ပြုလုပ်ခြင်းကြောင့် သင့်အပေါ် "
            "ဆိုးကျိုး တစ်စုံတစ်ရာ မဖြစ်စေရပါ။ အင်တာဗျူးများကို {period} တွင် {place} ၌ အလုပ်ချိန်အတွင်း "
            "ပြုလုပ်မည်ဖြစ်ပြီး ကျွန်ုပ်တို့နှင့် အချိန်ပေးသည့်အတွက် သင့်လုပ်ခကို ဖြတ်တောက်ခြင်း မရှိပါ။",
        ),
        (
            "သင်ပြောသည့်အရာများကို လျှို့ဝှက်ထားပါမည်",
            "သင့်အမည်ကို သင့်အဖြေများနှင့်အတူ မရေးမှတ်ပါ၊ အင်တာဗျူးကို အသံမဖမ်းပါ၊ သင်ပြောသည့်အရာကို "
            "သင့်အလုပ်ရှင်၊ အလုပ်အကိုင်ရှာဖွေရေး အေဂျင်စီ သို့မဟုတ် အခြားမည်သူ့ကိုမျှ မပြောပြပါ။ "
            "ရလဒ်များကို အလုပ်သမား အများအပြား၏ စုစုပေါင်းအဖြစ်သာ တင်ပြပါမည်။",
        ),
        (
            "မည်သူမျှ သင့်ကို အပြစ်ပေး၍ မရပါ",
            "ကျွန်ုပ်တို့နှင့် စကားပြောခဲ့သည့်အတွက် သို့မဟုတ် မပြောရန် ရွေးချယ်ခဲ့သည့်အတွက် မည်သူမျှ "
            "သင့်ကို အပြစ်ပေးခြင်း၊ ခြိမ်းခြောက်ခြင်း၊ အလုပ်မှ ထုတ်ပယ်ခြင်း သို့မဟုတ် ပိုဆိုးစွာ "
            "ဆက်ဆံခြင်း မပြုရပါ။ ကုမ္ပဏီက ဤအချက်ကို သဘောတူထားပါသည်။ ထိုသို့ ဖြစ်ပေါ်ပါက "
            "ကျွန်ုပ်တို့ထံ ချက်ချင်း အကြောင်းကြားပါ။",
        ),
        (
            "နောက်ပိုင်းတွင် ကျွန်ုပ်တို့ကို ဆက်သွယ်ရန်",
            "နောက်ပိုင်းတွင် မေးစရာရှိလျှင်၊ ပြဿနာတစ်ခုခု တိုင်ကြားလိုလျှင် သို့မဟုတ် ကျွန်ုပ်တို့နှင့် "
            "စကားပြောပြီးနောက် မကောင်းသဖြင့် ဆက်ဆံခံရလျှင် {phone} ({hours}) သို့ အခမဲ့ ဖုန်းဆက်ပါ။ "
            "သင့်ကို အင်တာဗျူးသူထံမှလည်း အကူအညီ တောင်းနိုင်ပါသည်။",
        ),
    ),
    services_intro="အောက်ပါ ဝန်ဆောင်မှုများကလည်း သင့်ကို ကူညီနိုင်ပါသည်။ (အခမဲ့ မဟုတ်ပါက ဖော်ပြထားပါသည်)",
    no_services="သင့်အနီးရှိ အကူအညီပေးသည့် ဝန်ဆောင်မှုများအကြောင်း အင်တာဗျူးသူကို မေးမြန်းပါ။",
    closing="ကျေးဇူးတင်ပါသည်။",
    signed="လက်မှတ်",
    countries=("MM",),
)

KHMER = LetterText(
    code="km",
    name="ខ្មែរ",
    english_name="Khmer",
    title="ព័ត៌មានសម្រាប់កម្មករ អំពីការវាយតម្លៃ",
    greeting="ជូនចំពោះ កម្មករជាទីរាប់អាន",
    sections=(
        (
            "ហេតុអ្វីបានជាយើងមកទីនេះ",
            "{organisation} កំពុងធ្វើការវាយតម្លៃអំពីរបៀបដែលកម្មករនៅ {business} ត្រូវបានជ្រើសរើស ជួលឱ្យធ្វើការ "
            "និងប្រព្រឹត្តចំពោះ ចាប់ពីសហគមន៍កំណើតរបស់អ្នក រហូតដល់កន្លែងធ្វើការ។ ការវាយតម្លៃនេះត្រូវបានស្នើសុំដោយ "
            "{commissioned_by}។ យើងចង់រៀនពីបទពិសោធន៍របស់អ្នក ដើម្បីរកឃើញ និងដោះស្រាយបញ្ហា ដូចជាថ្លៃសេវា"
            "ជ្រើសរើសការងារ ដែលកម្មករមិនគួរបង់។",
        ),
        (
            "ការចូលរួមគឺជាជម្រើសរបស់អ្នក",
            "អ្នកជាអ្នកសម្រេចចិត្តថា ចូលរួម ឬមិនចូលរួម។ អ្នកអាចរំលងសំណួរណាមួយ ឬបញ្ឈប់ការសម្ភាសន៍នៅពេលណាក៏បាន "
            "ហើយគ្មានអ្វីអាក្រក់កើតឡើងចំពោះអ្នកឡើយ។ ការសម្ភាសន៍ធ្វើឡើងនៅ {period} នៅ {place} ក្នុងម៉ោងធ្វើការ "
            "ហើយប្រាក់ឈ្នួលរបស់អ្នកមិនត្រូវបានកាត់ សម្រាប់ពេលវេលាដែលអ្នកចំណាយជាមួយយើងទេ។",
        ),
        (
            "អ្វីដែលអ្នកនិយាយ ត្រូវបានរក្សាជាការសម្ងាត់",
            "យើងមិនសរសេរឈ្មោះរបស់អ្នកជាមួយចម្លើយរបស់អ្នកទេ យើងមិនថតសំឡេងការសម្ភាសន៍ទេ ហើយយើងមិនដែលប្រាប់"
            "និយោជក ភ្នាក់ងារជ្រើសរើសការងារ ឬអ្នកផ្សេងទៀត អំពីអ្វីដែលអ្នកបាននិយាយឡើយ។ លទ្ធផលត្រូវបាន"
            "រាយការណ៍តែជាចំនួនសរុបរបស់កម្មករច្រើននាក់ប៉ុណ្ណោះ។",
        ),
        (
            "គ្មាននរណាម្នាក់អាចដាក់ទោសអ្នកបានទេ",
            "គ្មាននរណាម្នាក់អាចដាក់ទោស គំរាមកំហែង បណ្តេញចេញពីការងារ ឬប្រព្រឹត្តមិនល្អចំពោះអ្នក ដោយសារតែអ្នក"
            "បាននិយាយជាមួយយើង ឬដោយសារអ្នកបានជ្រើសរើសមិននិយាយឡើយ។ ក្រុមហ៊ុនបានយល់ព្រមលើចំណុចនេះ។ "
            "ប្រសិនបើរឿងនេះកើតឡើង សូមប្រាប់យើងភ្លាមៗ។",
        ),
        (
            "របៀបទាក់ទងយើងនៅពេលក្រោយ",
            "ប្រសិនបើអ្នកមានសំណួរនៅពេលក្រោយ ចង់រាយការណ៍បញ្ហា ឬត្រូវបានគេប្រព្រឹត្តមិនល្អ បន្ទាប់ពីបាននិយាយ"
            "ជាមួយយើង សូមទូរស័ព្ទមកយើងដោយឥតគិតថ្លៃតាមលេខ {phone} ({hours})។ អ្នកក៏អាចសុំជំនួយពីអ្នក"
            "សម្ភាសន៍របស់អ្នកផងដែរ។",
        ),
    ),
    services_intro="សេវាខាងក្រោមនេះក៏អាចជួយអ្នកបានដែរ (ឥតគិតថ្លៃ លើកលែងតែមានបញ្ជាក់)៖",
    no_services="សូមសួរអ្នកសម្ភាសន៍ អំពីសេវាគាំទ្រដែលនៅជិតអ្នក។",
    closing="សូមអរគុណ។",
    signed="ហត្ថលេខា",
    countries=("KH",),
)

LETTERS: dict[str, LetterText] = {text.code: text for text in (ENGLISH, BURMESE, KHMER)}

BLANK = "……………………"


def fill(text: str, values: dict[str, str]) -> str:
    """The paragraph with the engagement's details; a detail not yet known is a line to fill by hand."""
    return text.format_map({key: (value or BLANK) for key, value in values.items()})
