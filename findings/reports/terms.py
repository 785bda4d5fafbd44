"""The reference's words that a report prints, marked for translation.

The reference (``reference/domain-reference.yaml``) is read at run time, so ``makemessages`` cannot see
its names: they are listed here, word for word, for the catalogues under ``locale/``; the report's
content builders and templates translate them where they print them (``gettext(name)``,
``{% translate row.name %}``). tests/findings/test_report_languages.py fails when the reference and this
list drift apart. The countries of the usual corridors are listed too: django-countries is not an
installed app here, so its own catalogues are never loaded; and Burmese month names, which Django lacks.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

REFERENCE_TERMS: tuple[str, ...] = (
    # The ILO forced-labour indicators (ILO Indicators of Forced Labour, 2012)
    gettext_noop("Abuse of vulnerability"),
    gettext_noop("Deception"),
    gettext_noop("Restriction of movement"),
    gettext_noop("Isolation"),
    gettext_noop("Physical and sexual violence"),
    gettext_noop("Intimidation and threats"),
    gettext_noop("Retention of identity documents"),
    gettext_noop("Withholding of wages"),
    gettext_noop("Debt bondage"),
    gettext_noop("Abusive working and living conditions"),
    gettext_noop("Excessive overtime"),
    # Annex B's stages of the labour migration process, and the risk groups the tables head with them
    # (``interviews.questionnaires.catalogue.risk_groups``)
    gettext_noop("Recruitment and deployment"),
    gettext_noop("Employment"),
    gettext_noop("Return or onward migration"),
    gettext_noop("All stages"),
    gettext_noop("Annex B · Recruitment and deployment"),
    gettext_noop("Annex B · Employment"),
    gettext_noop("Annex B · Return or onward migration"),
    gettext_noop("Annex B · All stages"),
    gettext_noop("Annex C"),
    # Annex B: the risks of each stage
    gettext_noop("Recruitment through unlicensed or unauthorised subagents or recruiters"),
    gettext_noop("Worker-paid recruitment fees and costs, financed by high-interest loans, leading to debt bondage"),
    gettext_noop("Terms and conditions of employment unclear or inaccurate"),
    gettext_noop("Misleading information on wages and deductions"),
    gettext_noop("Discrimination in screening or interviews"),
    gettext_noop("Passports or personal documents taken from the start of recruitment, opening the way to coercion"),
    gettext_noop("No employment contract, or an inadequate one"),
    gettext_noop("Contract substitution: the original contract replaced by one on worse terms"),
    gettext_noop("Wrong visa type, or none, for the destination country"),
    gettext_noop("Unsafe transport or lodging during migration or deployment"),
    gettext_noop("Personal information disclosed without consent"),
    gettext_noop("Demands for bribes"),
    gettext_noop("Little information on workplace rights; unfamiliar culture"),
    gettext_noop(
        "Discrimination (incl. xenophobia), harassment or violence at work, not least gender-based violence, sexual harassment and sexual abuse"  # noqa: E501
    ),
    gettext_noop("Little or no access to freedom of association or collective bargaining"),
    gettext_noop("Unequal or incorrect pay, excessive or forced overtime, too little rest"),
    gettext_noop("Unlawful wage deductions and compulsory savings schemes"),
    gettext_noop("Coercion through withheld wages or documents, or recruitment debt"),
    gettext_noop("Migrant workers left out of standard health and safety training"),
    gettext_noop("Poor or negligent occupational safety and health"),
    gettext_noop("Employer keeps personal documents, including passports"),
    gettext_noop("No freedom of movement outside workplace and accommodation"),
    gettext_noop("Unsafe, unhygienic, overcrowded accommodation"),
    gettext_noop("No access to health services or social protection"),
    gettext_noop("Agency workers subject to two or more sets of rules or obligations, often with low education levels"),
    gettext_noop("Pregnancy testing"),
    gettext_noop(
        "Weak labour protections in some sectors; inspectorates unable or unwilling to enforce minimum standards"
    ),
    gettext_noop("Limited means of communication"),
    gettext_noop("Unfair dismissal or termination"),
    gettext_noop("No freedom to end the job or change employer"),
    gettext_noop("Forced return where the law requires pregnant migrant women to leave"),
    gettext_noop("Outstanding wages and benefits not paid at return, especially in crises"),
    gettext_noop("Debt still owed, whether migration succeeded or not"),
    gettext_noop("No support to travel home safely and in an orderly way"),
    gettext_noop("Little or no information or support for return, reintegration or onward migration"),
    gettext_noop("Stigma on return"),
    gettext_noop("Hard to re-enter the local job market because of skills mismatch"),
    gettext_noop(
        "Social isolation, stress or depression caused by remote housing, distance from support networks, discrimination and language barriers"  # noqa: E501
    ),
    gettext_noop("Inadequate food or drinking water"),
    gettext_noop("No safety, health, labour or social protection during crises (e.g. COVID-19)"),
    gettext_noop("Heightened risk of exploitation and abuse"),
    gettext_noop("Little or no access to remedy when rights are violated at any stage"),
    gettext_noop("Severe violations, including trafficking and forced labour, when several of these factors combine"),
    # Annex C: the risks management interviews can surface
    gettext_noop("Employer or recruiter does not understand labour rights risks"),
    gettext_noop("No freedom of movement"),
    gettext_noop("No gender-specific policies or grievance channels"),
    gettext_noop("No contracts or service agreements between employers, recruiters and subagents"),
    gettext_noop("Unwarranted wage deductions"),
    gettext_noop("Poor grasp of legal rules on wages and hours"),
    gettext_noop("Gender discrimination"),
    gettext_noop("No grievance mechanism"),
    gettext_noop("No transparency on recruitment fees and related costs"),
    gettext_noop("No freedom of association or worker dialogue"),
    # The ILO categories of recruitment fees and related costs
    gettext_noop("Recruitment fees"),
    gettext_noop("Medical costs"),
    gettext_noop("Insurance costs"),
    gettext_noop("Skills and qualification tests"),
    gettext_noop("Training and orientation"),
    gettext_noop("Equipment costs"),
    gettext_noop("Travel and lodging"),
    gettext_noop("Administrative costs"),
    gettext_noop("Illegitimate, undisclosed or illicit costs"),
    # The guide's gender options
    gettext_noop("Woman"),
    gettext_noop("Man"),
    gettext_noop("Another designation"),
    gettext_noop("Prefer not to disclose"),
    # The site checklists (guide phase 4 step 5; ILO Recommendation No. 115)
    gettext_noop("Any child or young workers present?"),
    gettext_noop("Signs or reports of gender-based violence, sexual exploitation and abuse, or sexual harassment"),
    gettext_noop("Working hours and shift patterns"),
    gettext_noop("How and when wages are paid"),
    gettext_noop("Restrictions on leaving the site: locked doors, exit passes, conditions attached to leaving"),
    gettext_noop("Policies, rules and work instructions on display, and in the languages workers read"),
    gettext_noop("Leave entitlements and whether workers actually take them"),
    gettext_noop("Conditions and health and safety risks for pregnant workers"),
    gettext_noop("Different treatment by nationality, gender, ethnicity, religion, disability or similar"),
    gettext_noop("Severe safety and health risks: building structure, fire, chemicals, extreme heat or cold, noise"),
    gettext_noop("Measures to prevent accidents, injuries and work-related illness"),
    gettext_noop("Toilets clean and accessible; drinking water available and of good quality"),
    gettext_noop("Canteen adequate and hygienic"),
    gettext_noop("Rest areas available"),
    gettext_noop(
        "Accommodation safe, hygienic, sanitary and secure: personal security (incl. for women), protection from theft and attack, lockable storage"  # noqa: E501
    ),
    gettext_noop("Reasonable distance from work and in a building separate from production"),
    gettext_noop("Room dimensions, number of occupants, privacy"),
    gettext_noop("Adequate, sanitary cooking and laundry facilities; clean, accessible toilets; medical facilities"),
    gettext_noop("Separate accommodation by gender (unless couples' accommodation is provided)"),
    gettext_noop("Recreational space: outdoor areas, gym, break rooms"),
    gettext_noop("Phone with international calls and internet (speed, access conditions, any fees)"),
    gettext_noop("Access to banks or remittance services"),
    gettext_noop("Curfews or other limits on movement (e.g. locked gates)"),
    gettext_noop("Employer-provided transport: accessible, available, safe"),
    gettext_noop("Minimum space per person (floor area, volume, or size and number of rooms)"),
    gettext_noop("Safe water in the dwelling, enough for all personal and household use"),
    gettext_noop("Adequate drainage, sewage and garbage disposal, and sanitary conveniences"),
    gettext_noop("Protection against heat, cold, damp, noise, fire, and disease-carrying animals, especially insects"),
    gettext_noop("Adequate ventilation, heating where needed, natural and artificial lighting, washing and storage"),
    gettext_noop("Minimum privacy between individuals, and protection from undue outside disturbance"),
    gettext_noop("Living quarters separated from any animal quarters"),
    gettext_noop("A separate bed for each worker"),
    gettext_noop("Dining/canteen, rest, recreation and health facilities where the community does not provide them"),
    gettext_noop("Any rent or charge is a reasonable share of income, with no speculative profit"),
    gettext_noop("Workers' fundamental rights, especially freedom of association, respected in employer housing"),
    gettext_noop(
        "On termination, a reasonable period of continued occupancy and/or fair compensation before the employer repossesses"  # noqa: E501
    ),
)

# The countries of the corridors the workers' languages most often travel (the report names them in the
# cover's corridors, the actors' profiles, the jurisdictions and the nationality breakdowns).
COUNTRY_NAMES: tuple[str, ...] = (
    gettext_noop("Myanmar"),
    gettext_noop("Cambodia"),
    gettext_noop("Thailand"),
    gettext_noop("Nepal"),
    gettext_noop("Bangladesh"),
    gettext_noop("Malaysia"),
    gettext_noop("Qatar"),
    gettext_noop("Saudi Arabia"),
    gettext_noop("United Arab Emirates"),
    gettext_noop("Kuwait"),
    gettext_noop("Oman"),
    gettext_noop("Bahrain"),
    gettext_noop("Jordan"),
    gettext_noop("Lebanon"),
    gettext_noop("India"),
    gettext_noop("Singapore"),
    gettext_noop("Japan"),
    gettext_noop("South Korea"),
    gettext_noop("Taiwan"),
    gettext_noop("Hong Kong"),
    gettext_noop("Laos"),
    gettext_noop("Vietnam"),
    gettext_noop("Egypt"),
    gettext_noop("Pakistan"),
    gettext_noop("Sri Lanka"),
    gettext_noop("Indonesia"),
    gettext_noop("Philippines"),
    gettext_noop("China"),
)

# Django's Burmese catalogue has no month names (the report's dates are written "j F Y").
MONTH_NAMES: tuple[str, ...] = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)
