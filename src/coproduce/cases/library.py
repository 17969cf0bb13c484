"""The published cases of co-production from the source texts (../shared/seeds).

Every fact, figure and label of a case comes from the source texts and says where: its
``sources`` name the publication, the source file and the line range (1-based, inclusive)
that support it. The wording is ours; the texts' sentences stay out of the project. What
the platform adds by its own reading is said in ``platform_reading``; the service area and
the stages (the value chain of docs/domain.md) are always the platform's classification of
what the sources describe. A change here reaches existing databases through a data
migration of this app (see ``migrations/``); a test holds the two together.
"""

from typing import Any

SEED_000 = "000_01427ae601c62aae.txt"
SEED_001 = "001_95c2a822735e811c.txt"
SEED_002 = "002_1b22680238e5952d.txt"
SEED_003 = "003_c4d09ba079e6f375.txt"
SEED_004 = "004_10aa589e426f6590.txt"

# Each source file's publication, as the text itself names it (file and lines given).
DOCUMENTS = {
    # title on line 1; the text gives no author or year
    SEED_000: "Leading the Co-production Process: Who is in charge? (no author or year given)",
    # citation block, lines 5 and 25-29
    SEED_001: "Bussu & Galanti (2018), Facilitating coproduction: the role of leadership in "
    "coproduction initiatives in the UK, Policy and Society 37(3)",
    # the file has no title page: its heading (line 46) and its six cases are those of the
    # paper that 001 (line 344) and 003 (line 164) cite as Bovaird 2007
    SEED_002: "Bovaird (2007), Beyond engagement and participation: user and community "
    "co-production of public services",
    # title on lines 1-3; "Wikimedia Foundation. 2010." on line 214
    SEED_003: "Coproduction (public services), encyclopaedia article (Wikimedia Foundation, 2010)",
    # title and authors on lines 1-3
    SEED_004: "Bovaird & Loeffler, All in this together? Can citizens help transform public "
    "outcomes through co-production?",
}


def cite(file: str, first: int, last: int) -> dict[str, Any]:
    """A source of a case: the publication, its file and the lines [first, last]."""
    return {"document": DOCUMENTS[file], "file": file, "lines": [first, last]}


BOVAIRD = "Bovaird 2007, case study"
BUSSU = "Bussu & Galanti 2018, Table A2"
WIKI = "Coproduction (public services), examples by service area"
LEADING = "Leading the co-production process: who is in charge?"

# The leadership style of a case in seed 002 is the platform's reading: that text names none.
STYLE_READ = "Leadership style: the platform's reading; the source names no style."

CASES: list[dict[str, Any]] = [
    # --- seed 002: six cases, one per cell of the planning × delivery matrix -------------
    {
        "slug": "porto-alegre-participatory-budgeting",
        "title": "Participatory budgeting in Porto Alegre",
        "summary": "Every year since 1989, large numbers of Porto Alegre's citizens have taken "
        "part in the Orçamento Participativo, which weighs heavily on the city council's "
        "budget decisions; the council works the OP's proposals up into action plans, and "
        "professionals deliver the services in the usual way. The citizens' first priorities "
        "(transport, clean water, sewage treatment) later gave way to education, health and "
        "social care.",
        "service_area": "regeneration",
        "locality": "Porto Alegre, Rio Grande do Sul",
        "country": "Brazil",
        "stages": ["co_planning", "co_prioritisation"],
        "source": BOVAIRD,
        "sources": [cite(SEED_002, 480, 526), cite(SEED_002, 433, 435)],
        "policy_phase": "Planning and design",
        "participants": "Residents, community associations and NGOs, city council, technical staff",
        "motivation": "Involve citizens in decisions rather than only consult them",
        "leadership_style": "political",
        "leadership_note": "Brought in by the party that won power in 1989; some politicians "
        "and technical staff resisted the loss of discretion",
        "typology": "Professional delivery with users and communities in planning and design",
        "started": 1989,
        "platform_reading": STYLE_READ,
        "figures": [
            {"label": "Participants in 2002", "value": "about 50,000"},
            {"label": "Community associations and NGOs taking part", "value": "over 1,000"},
            {
                "label": "Poll respondents calling it an achievement not to lose (2003)",
                "value": "64% of over 600",
            },
        ],
    },
    {
        "slug": "sure-start-gateshead",
        "title": "Sure Start Gateshead peer breastfeeding support",
        "summary": "A Sure Start local programme begun in Gateshead in 2001 and since extended "
        "to five deprived areas of the borough. Local mothers trained as breastfeeding "
        "counsellors first meet new mothers on the hospital maternity wards and answer a "
        "phone helpline; new mothers are visited again after 20 weeks, and four support "
        "groups now meet where there were none: parents co-deliver a service that "
        "professionals largely designed.",
        "service_area": "children_families",
        "locality": "Gateshead",
        "country": "United Kingdom",
        "stages": ["co_planning", "co_performing"],
        "source": BOVAIRD,
        "sources": [cite(SEED_002, 528, 568), cite(SEED_002, 437, 438)],
        "policy_phase": "Delivery of professionally designed services",
        "participants": "Local mothers trained as counsellors, new mothers, programme staff",
        "motivation": "New mothers talk more readily to mothers who have had the same problems",
        "leadership_style": "integrative",
        "leadership_note": "High parent representation set local targets in the delivery plans",
        "typology": "User co-delivery of professionally designed services",
        "started": 2001,
        "platform_reading": STYLE_READ,
        "figures": [
            {"label": "Mothers trained as peer counsellors", "value": "nearly 50"},
            {"label": "Peer support groups (none before)", "value": "4"},
            {"label": "Deprived areas covered", "value": "5"},
        ],
    },
    {
        "slug": "caterham-barracks-community-trust",
        "title": "Caterham Barracks Community Trust",
        "summary": "After the army gave up its barracks in the village of Caterham, residents "
        "lobbied for a conservation area and the developer, under pressure, worked with the "
        "community on an urban village. A section 106 agreement gave £2.5m to a new "
        "community trust, which funds facilities on the site; every facility it funds is "
        "managed by local community groups.",
        "service_area": "regeneration",
        "locality": "Caterham",
        "country": "United Kingdom",
        "stages": ["co_planning", "co_financing", "co_design", "co_management", "co_performing"],
        "source": BOVAIRD,
        "sources": [cite(SEED_002, 570, 613), cite(SEED_002, 440, 441)],
        "policy_phase": "Planning and delivery",
        "participants": "Residents, the site developer, planners, a local politician",
        "motivation": "Keep the site's character and meet local needs",
        "leadership_style": "community",
        "leadership_note": "A 12-member trust board from the surrounding community, one of "
        "them a local politician",
        "typology": "Full user/professional co-production",
        "started": 1999,
        "platform_reading": STYLE_READ + " Started: the year the trust was set up.",
        "figures": [
            {"label": "Released to the trust under section 106", "value": "£2.5m"},
            {"label": "Trust board members", "value": "12"},
            {"label": "Houses and flats in the urban village", "value": "400"},
            {"label": "Skate park members", "value": "5,000"},
            {"label": "Skate park users a week", "value": "up to 570"},
            {"label": "Skate park turnover", "value": "over £100,000 a year"},
        ],
    },
    {
        "slug": "beacon-community-regeneration-partnership",
        "title": "Beacon Community Regeneration Partnership",
        "summary": "On the Beacon estate in Falmouth, a council bid for energy-efficiency work "
        "grew into a partnership in which residents, always a majority on its management "
        "committee, generate initiatives and co-deliver them with professionals: repairs, "
        "crime watch, youth training, a skateboard park, gardening and tree planting, and "
        "an internet café.",
        "service_area": "regeneration",
        "locality": "Falmouth, Cornwall",
        "country": "United Kingdom",
        "stages": ["co_planning", "co_management", "co_performing"],
        "source": f"{BOVAIRD}; Bovaird 2007 in {BUSSU}",
        "sources": [
            cite(SEED_002, 615, 666),
            cite(SEED_002, 443, 445),
            cite(SEED_001, 386, 386),
        ],
        "policy_phase": "Planning and delivery",
        "participants": "Residents, health services, community leaders, local councillors",
        "motivation": "Better health services and energy efficiency; end isolation on the estate",
        "leadership_style": "facilitative",
        "leadership_note": "Facilitative leadership from the council's catalysing role",
        "typology": "User/community co-delivery with little formal planning",
        "figures": [
            {"label": "Fall in post-natal depression", "value": "88%"},
            {"label": "Fall in child accidents", "value": "50%"},
            {"label": "Energy savings to residents", "value": "£180,000 a year"},
            {"label": "Fewer children on child protection orders", "value": "60%"},
            {"label": "Residents who feel safe on the estate", "value": "87%"},
        ],
    },
    {
        "slug": "villa-family",
        "title": "Villa Family",
        "summary": "Houses in French villages where two host families each look after three "
        "elderly people whose disability keeps them from living at home. The elderly employ "
        "their hosts; the Department (county council) registers the hosts and monitors the "
        "project; a trust of the mayor, the doctor, the hosts and the residents steps in "
        "only when there is a conflict.",
        "service_area": "social_care",
        "locality": "Villages in France",
        "country": "France",
        "stages": ["co_performing", "co_management"],
        "source": BOVAIRD,
        "sources": [cite(SEED_002, 669, 715), cite(SEED_002, 447, 448)],
        "policy_phase": "Delivery of professionally planned services",
        "participants": "Elderly residents, host families, Ages&Vie, the Department, mayors",
        "motivation": "Let elderly people stay in their village instead of a distant home",
        "leadership_style": "not_recorded",
        "leadership_note": "",
        "typology": "User/community delivery of professionally planned services",
        "started": 1990,
        "figures": [
            {"label": "Villa Families open", "value": "20"},
            {"label": "Villa Families planned", "value": "60"},
            {"label": "Elderly residents per host family", "value": "3"},
            {"label": "Training for a new host", "value": "3 months"},
        ],
    },
    {
        "slug": "tackley-village-shop",
        "title": "Tackley Village Shop",
        "summary": "After two shops, the post office and the pub closed, the village of "
        "Tackley surveyed the services it missed most (the 'Tackley Top Ten'). Four years of "
        "consultation led to an extended village hall with a shop, post office and café, "
        "planned and funded with help from councils and other bodies; it opened in 2004 and "
        "volunteers keep it running.",
        "service_area": "local_services",
        "locality": "Tackley, Oxfordshire",
        "country": "United Kingdom",
        "stages": ["co_planning", "co_financing", "co_design", "co_performing"],
        "source": BOVAIRD,
        "sources": [cite(SEED_002, 718, 763), cite(SEED_002, 450, 451)],
        "policy_phase": "Planning and delivery",
        "participants": "Villagers, parish, district and county councils, 14 funders",
        "motivation": "Keep the heart of the village",
        "leadership_style": "citizen_led",
        "leadership_note": "Two villagers drove it at first; ownership is now widespread",
        "typology": "User/community delivery of co-planned or co-designed services",
        "platform_reading": STYLE_READ,
        "figures": [
            {"label": "New facility opened", "value": "2004"},
            {"label": "Total cost", "value": "£415,000"},
            {"label": "Raised in the village", "value": "20%"},
            {"label": "Raised from 14 outside organisations", "value": "80%"},
            {"label": "Shop turnover in the first year", "value": "£160,000"},
            {"label": "Volunteers", "value": "over 50"},
            {"label": "Village population", "value": "just over 1,000"},
        ],
    },
    # --- seed 001, Table A2 (UK cases, lines 378-412), and its section 4 -------------------
    {
        "slug": "strategic-spatial-planning-uk",
        "title": "Strategic spatial planning cases in the UK",
        "summary": "A review of strategic spatial planning in the UK in which planners, local "
        "authorities, officers and citizens co-produce plans for integrated services.",
        "service_area": "planning",
        "country": "United Kingdom",
        "stages": ["co_planning", "co_design"],
        "source": f"Albrechts 2013, in {BUSSU}",
        "sources": [cite(SEED_001, 381, 381)],
        "policy_phase": "Planning and design of integrated services",
        "participants": "Planners, local authorities, citizens, local public officers",
        "motivation": "Better quality of life and trust in the community",
        "leadership_style": "not_recorded",
        "leadership_note": "Planners need skills for politics and conflict with officials",
    },
    {
        "slug": "peer-support-groups-gateshead-mansfield",
        "title": "Peer support groups in Gateshead and Mansfield",
        "summary": "Groups of patients, new mothers or young offenders with their families, "
        "involved alongside professionals in delivering services that professionals define.",
        "service_area": "health",
        "locality": "Gateshead and Mansfield",
        "country": "United Kingdom",
        "stages": ["co_performing"],
        "source": f"Barker 2010 (LARC), listed as Baker-LARCI 2010, in {BUSSU}",
        "sources": [cite(SEED_001, 382, 382), cite(SEED_001, 340, 340)],
        "policy_phase": "Delivery of professionally defined services",
        "participants": "Professionals, patients, new mothers or young offenders, families",
        "motivation": "Better quality of services",
        "leadership_style": "integrative",
        "leadership_note": "Professionals, officers and users lead together; professionals "
        "build users' awareness and confidence",
    },
    {
        "slug": "time-banks-london-nottingham",
        "title": "Time banks in London and Nottingham",
        "summary": "Time banks in health care whose volunteer members take part in delivery.",
        "service_area": "health",
        "locality": "London and Nottingham",
        "country": "United Kingdom",
        "stages": ["co_performing"],
        "source": f"Barker 2010 (LARC), listed as Baker-LARCI 2010, in {BUSSU}",
        "sources": [cite(SEED_001, 383, 383), cite(SEED_001, 340, 340)],
        "policy_phase": "Delivery",
        "participants": "Volunteer members of the time bank",
        "motivation": "Confidence and wider social networks for members",
        "leadership_style": "not_recorded",
    },
    {
        "slug": "barnet-communicative-planning",
        "title": "Communicative action for local planning in Barnet",
        "summary": "Citizens, officers and councillors plan mixed neighbourhood services "
        "together in the London Borough of Barnet.",
        "service_area": "regeneration",
        "locality": "London Borough of Barnet",
        "country": "United Kingdom",
        "stages": ["co_planning"],
        "source": f"Boland and Coleman 2008, in {BUSSU}",
        "sources": [cite(SEED_001, 384, 384)],
        "policy_phase": "Planning",
        "participants": "Citizens, local officers, councillors",
        "motivation": "Trust and a sense of community",
        "leadership_style": "facilitative",
        "leadership_note": "Elected representatives should lead facilitatively",
    },
    {
        "slug": "health-commissioning-jury",
        "title": "A citizens' jury on health spending",
        "summary": "A jury, sponsored by government and local authorities, that brings users "
        "into setting priorities for health spending with the NHS, providers and local "
        "authorities.",
        "service_area": "health",
        "country": "United Kingdom",
        "stages": ["co_planning", "co_prioritisation", "co_design"],
        "source": f"Boswell et al. 2015, in {BUSSU}",
        "sources": [cite(SEED_001, 385, 385), cite(SEED_001, 170, 170)],
        "policy_phase": "Design and delivery",
        "participants": "NHS, providers, local authorities, users",
        "motivation": "Co-produce priorities for health spending",
        "leadership_style": "not_recorded",
        "leadership_note": "Government and local authorities sponsored the jury",
    },
    {
        "slug": "camden-mental-health-day-care",
        "title": "Commissioning mental health day care in Camden",
        "summary": "From 2006 the London Borough of Camden backed users and providers of "
        "mental health services in bringing co-production into commissioning, design and "
        "delivery of day care.",
        "service_area": "health",
        "locality": "London Borough of Camden",
        "country": "United Kingdom",
        "stages": ["co_design"],
        "source": f"Boyle and Harris 2009, in {BUSSU}",
        "sources": [cite(SEED_001, 387, 387), cite(SEED_001, 208, 208)],
        "policy_phase": "Design",
        "participants": "Health professionals, local authorities, users, councillors, "
        "NEF and NESTA planners",
        "motivation": "Dialogue between providers and users",
        "leadership_style": "facilitative",
        "leadership_note": "Councillors support the introduction of innovation",
        "started": 2006,
    },
    {
        "slug": "learning-to-lead-blue-school",
        "title": "Learning to Lead at the Blue School, Wells",
        "summary": "At a state secondary school in Wells, Somerset, students with link "
        "teachers and staff set up a forum for students and families and plan their own "
        "learning.",
        "service_area": "education",
        "locality": "Wells, Somerset",
        "country": "United Kingdom",
        "stages": ["co_planning", "co_performing"],
        "source": f"Boyle, Slay and Stephens (NEF and NESTA) 2010, in {BUSSU}",
        "sources": [cite(SEED_001, 389, 389)],
        "policy_phase": "Planning of individual education",
        "participants": "Students, link teachers and staff",
        "motivation": "Build on what students care about",
        "leadership_style": "citizen_led",
        "leadership_note": "No role for politicians or managers; students build their education",
        "platform_reading": "Leadership style: the platform's reading of the source's note.",
    },
    {
        "slug": "gloucester-enablement-lead",
        "title": "Gloucester Enablement Lead Programme",
        "summary": "A social service team for disabled children in South-West England working "
        "with children and families to deliver support differently.",
        "service_area": "social_care",
        "locality": "Gloucester",
        "country": "United Kingdom",
        "stages": ["co_performing"],
        "source": f"Boyle, Slay and Stephens (NEF and NESTA) 2010, in {BUSSU}",
        "sources": [cite(SEED_001, 390, 390)],
        "policy_phase": "Delivery",
        "participants": "Children, families, professionals",
        "motivation": "Move away from traditional social service delivery",
        "leadership_style": "community",
        "leadership_note": "Community leadership developed",
    },
    {
        "slug": "sallywags-nursery",
        "title": "Sallywags parent-run nursery",
        "summary": "A nursery in East London run by parents with paid staff; parents also take "
        "part in management decisions.",
        "service_area": "children_families",
        "locality": "East London",
        "country": "United Kingdom",
        "stages": ["co_management", "co_performing"],
        "source": f"Boyle, Slay and Stephens (NEF and NESTA) 2010, in {BUSSU}",
        "sources": [cite(SEED_001, 391, 391)],
        "policy_phase": "Delivery",
        "participants": "Parents and paid staff",
        "motivation": "Parents own the childcare service; economic incentives",
        "leadership_style": "community",
        "leadership_note": "Parents share management decisions",
        "platform_reading": "Leadership style: the platform's reading of the source's note.",
    },
    {
        "slug": "taff-housing-time-credits",
        "title": "Taff Housing time credits",
        "summary": "A community-based housing association with over 1,000 homes on deprived "
        "Cardiff estates, working with the social enterprise Spice: tenants, young women "
        "among them, give time to design and deliver housing services and earn credits they "
        "spend at the city's leisure services, Cardiff Blues rugby club and the Gate "
        "Community Arts Centre.",
        "service_area": "housing",
        "locality": "Cardiff",
        "country": "United Kingdom",
        "stages": ["co_design", "co_performing"],
        "source": f"Boyle, Slay and Stephens 2010 and Boyle and Harris 2009, in {BUSSU}; {WIKI}",
        "sources": [
            cite(SEED_001, 392, 392),
            cite(SEED_001, 186, 186),
            cite(SEED_003, 110, 118),
        ],
        "policy_phase": "Delivery of professionally designed services",
        "participants": "Managers, a social enterprise (Spice), female tenants",
        "motivation": "Challenge a culture of dependency",
        "leadership_style": "facilitative",
        "leadership_note": "Building tenants' capacity and confidence",
        "figures": [{"label": "Homes", "value": "over 1,000"}],
    },
    {
        "slug": "chard-community-justice-panel",
        "title": "Chard Community Justice Panel",
        "summary": "A local justice panel in Somerset in which local people deal with minor "
        "offences alongside professionals.",
        "service_area": "justice",
        "locality": "Chard, Somerset",
        "country": "United Kingdom",
        "stages": ["co_performing"],
        "source": f"Boyle, Slay and Stephens (NEF and NESTA) 2010, in {BUSSU}",
        "sources": [cite(SEED_001, 393, 393)],
        "policy_phase": "Delivery",
        "participants": "Professionals, local people",
        "motivation": "People take responsibility for minor offences",
        "leadership_style": "community",
        "leadership_note": "Residents have a role in justice in their community",
        "platform_reading": "Leadership style: the platform's reading of the source's note.",
    },
    {
        "slug": "aberdeen-older-people-strategy",
        "title": "Co-production strategy for older people in Aberdeen",
        "summary": "A joint commissioning strategy for older people in Aberdeen, Scotland, for "
        "2013-2023, with citizens, officers, providers and service users.",
        "service_area": "social_care",
        "locality": "Aberdeen",
        "country": "United Kingdom",
        "stages": ["co_planning"],
        "source": f"Ersoy 2016, in {BUSSU}",
        "sources": [cite(SEED_001, 394, 394), cite(SEED_001, 176, 176)],
        "policy_phase": "Not stated",
        "participants": "Local authorities, citizens, officers, providers, service users",
        "motivation": "Control costs; engage citizens; move from management to empowerment",
        "leadership_style": "lacking",
        "leadership_note": "Councillors should do more to build shared objectives and priorities",
    },
    {
        "slug": "local-authority-partnerships",
        "title": "Local authority partnerships in England and Scotland",
        "summary": "Partnerships of local authorities and stakeholders for local development "
        "and urban regeneration.",
        "service_area": "regeneration",
        "country": "United Kingdom",
        "stages": ["co_planning"],
        "source": f"Fenwick 2012, in {BUSSU}",
        "sources": [cite(SEED_001, 395, 395), cite(SEED_001, 204, 204)],
        "policy_phase": "Planning",
        "participants": "Local authorities, local stakeholders, officers",
        "motivation": "Promote development",
        "leadership_style": "lacking",
        "leadership_note": "Partnerships became meta-bureaucratic events",
    },
    {
        "slug": "local-strategic-partnerships",
        "title": "Local strategic partnerships in core city boroughs",
        "summary": "Citizens, boroughs, shire councils and stakeholders plan together in a "
        "non-hierarchical structure.",
        "service_area": "regeneration",
        "country": "United Kingdom",
        "stages": ["co_planning"],
        "source": f"Ford and Green 2012, in {BUSSU}",
        "sources": [cite(SEED_001, 396, 396), cite(SEED_001, 176, 176)],
        "policy_phase": "Planning",
        "participants": "Citizens, city boroughs, shire councils, local stakeholders",
        "motivation": "A non-hierarchical structure of interaction",
        "leadership_style": "facilitative",
        "leadership_note": "Towards a shared vision",
        "figures": [{"label": "Local partnerships studied", "value": "6"}],
    },
    {
        "slug": "integrated-care-north-west-london",
        "title": "Integrated care in North-West London",
        "summary": "Health and social care leaders, users and local authorities design and "
        "deliver integrated care that helps people stay independent.",
        "service_area": "health",
        "locality": "North-West London",
        "country": "United Kingdom",
        "stages": ["co_design", "co_performing"],
        "source": f"Morton and Paice 2016, in {BUSSU}",
        "sources": [cite(SEED_001, 404, 404), cite(SEED_001, 170, 170)],
        "policy_phase": "Design and delivery",
        "participants": "Health and social care leaders, users, local authorities",
        "motivation": "Better care; independence for the people supported",
        "leadership_style": "integrative",
        "leadership_note": "Strategic experience, commitment to the vision, material support",
    },
    {
        "slug": "rural-development-northern-ireland",
        "title": "Community-led rural development in Northern Ireland",
        "summary": "Community groups, planners and local authorities plan and deliver rural "
        "development together.",
        "service_area": "regeneration",
        "locality": "Northern Ireland",
        "country": "United Kingdom",
        "stages": ["co_planning", "co_performing"],
        "source": f"Murray and Greer 1998, in {BUSSU}",
        "sources": [cite(SEED_001, 405, 405)],
        "policy_phase": "Planning and delivery",
        "participants": "Planners, community leaders, local authorities",
        "motivation": "Form community groups and plan strategically",
        "leadership_style": "community",
        "leadership_note": "Local authorities forged new partnership arrangements",
    },
    {
        "slug": "neighbourhood-planning-england",
        "title": "Neighbourhood planning in England (120 cases)",
        "summary": "Community activists write Neighbourhood Development Plans under the "
        "Localism Act 2011 with councils, councillors and planning consultants.",
        "service_area": "planning",
        "country": "United Kingdom",
        "stages": ["co_planning"],
        "source": f"Parker et al. 2015, in {BUSSU}",
        "sources": [cite(SEED_001, 406, 406), cite(SEED_001, 212, 212)],
        "policy_phase": "Planning",
        "participants": "Community activists, local authorities and councillors, consultants",
        "motivation": "Better neighbourhood services and a sense of community",
        "leadership_style": "community",
        "leadership_note": "Councillors support the plans with resources and spaces",
        "figures": [{"label": "Cases reviewed", "value": "120"}],
    },
    {
        "slug": "bristol-health-integration-team",
        "title": "Bristol Health Integration Team",
        "summary": "The NHS, universities, local authorities and patients plan and deliver "
        "integrated health care pathways in Bristol.",
        "service_area": "health",
        "locality": "Bristol",
        "country": "United Kingdom",
        "stages": ["co_planning", "co_performing"],
        "source": f"Redwood et al. 2016, in {BUSSU}",
        "sources": [cite(SEED_001, 407, 407), cite(SEED_001, 170, 170)],
        "policy_phase": "Planning and delivery",
        "participants": "NHS, universities, local authorities, patients",
        "motivation": "Avoid the risks of missing leadership",
        "leadership_style": "distributed",
        "leadership_note": "Distributed and coordinated leadership across organisations",
    },
    {
        "slug": "working-in-neighbourhoods-bradford",
        "title": "Working in Neighbourhoods (WIN), Bradford",
        "summary": "Between 2009 and 2011 residents, voluntary groups, officers and "
        "councillors in Bradford co-designed and co-delivered environmental, police, health "
        "and youth services, including an allotment by a primary school.",
        "service_area": "environment",
        "locality": "Bradford",
        "country": "United Kingdom",
        "stages": ["co_planning", "co_design", "co_performing"],
        "source": f"Richardson 2012, in {BUSSU}",
        "sources": [
            cite(SEED_001, 408, 408),
            cite(SEED_001, 182, 182),
            cite(SEED_001, 194, 194),
        ],
        "policy_phase": "Co-design and co-delivery",
        "participants": "Residents, community and voluntary organisations, councillors, "
        "public sector professionals, council officers",
        "motivation": "Councillors were crucial but their skills varied",
        "leadership_style": "lacking",
        "leadership_note": "Councillors failed to secure funding; information flowed poorly",
        "started": 2009,
    },
    {
        "slug": "coproduction-in-research",
        "title": "Co-production in scientific research",
        "summary": "Researchers and local policy-makers plan evaluations together to bring "
        "participatory approaches into policy evaluation.",
        "service_area": "research",
        "country": "United Kingdom",
        "stages": ["co_planning", "co_assessment"],
        "source": f"Richardson 2013, in {BUSSU}",
        "sources": [cite(SEED_001, 409, 409)],
        "policy_phase": "Planning",
        "participants": "Researchers, local policy-makers",
        "motivation": "Use social science in policy-making",
        "leadership_style": "not_recorded",
        "leadership_note": "Researchers and politicians both involved in evaluation",
    },
    {
        "slug": "ilfracombe-community-budget",
        "title": "Ilfracombe neighbourhood community budget",
        "summary": "A pilot of the Neighbourhood Community Budget programme, which the "
        "Department for Communities and Local Government launched in 12 areas in 2012. "
        "Town councillors drove a new way of managing and delivering services, with a "
        "public 'virtual bank' showing the balance of service payments and a proposal that "
        "citizens help manage the car parks.",
        "service_area": "local_services",
        "locality": "Ilfracombe",
        "country": "United Kingdom",
        "stages": ["co_prioritisation", "co_design", "co_performing"],
        "source": f"Rutherford, Spurling, Busby and Watts 2013, in {BUSSU}",
        "sources": [cite(SEED_001, 411, 411), cite(SEED_001, 196, 196)],
        "policy_phase": "Co-design and co-delivery",
        "participants": "Residents, DCLG civil servants, local authorities",
        "motivation": "Community control over budgets",
        "leadership_style": "facilitative",
        "leadership_note": "Town councillors sponsored the initiative",
        "started": 2012,
        "platform_reading": "Started: the year the pilot programme was launched.",
        "figures": [{"label": "Pilot areas in the programme", "value": "12"}],
    },
    {
        "slug": "shard-end-community-budget",
        "title": "Shard End neighbourhood community budget",
        "summary": "A Neighbourhood Community Budget pilot in Shard End, Birmingham, aimed at "
        "children, young people and families: a new youth service model and a Health and "
        "Well-being 'Village', designed and delivered together with young people, local "
        "partners and residents, with Birmingham city councillors driving it.",
        "service_area": "social_care",
        "locality": "Shard End, Birmingham",
        "country": "United Kingdom",
        "stages": ["co_prioritisation", "co_design", "co_performing"],
        "source": f"Rutherford, Spurling, Busby and Watts 2013, in {BUSSU}",
        "sources": [
            cite(SEED_001, 412, 412),
            cite(SEED_001, 210, 210),
            cite(SEED_001, 196, 196),
        ],
        "policy_phase": "Co-design and co-delivery",
        "participants": "Residents, DCLG civil servants, local authorities",
        "motivation": "Councillors saw persistently poor services and outcomes",
        "leadership_style": "facilitative",
        "leadership_note": "Councillors built pride and trust",
        "started": 2012,
        "platform_reading": "Started: the year the pilot programme was launched.",
    },
    {
        "slug": "neighbourhood-renewal-birmingham",
        "title": "Neighbourhood renewal in Birmingham",
        "summary": "In an urban renewal initiative in Birmingham, community leadership with "
        "many networks arose on its own: community actors linked the local authorities and "
        "voluntary organisations with the communities.",
        "service_area": "housing",
        "locality": "Birmingham",
        "country": "United Kingdom",
        "stages": ["co_design", "co_performing"],
        "source": f"Van der Pennen and van Bortel 2016, in {BUSSU}",
        "sources": [cite(SEED_001, 188, 190), cite(SEED_001, 374, 374)],
        "policy_phase": "Not stated",
        "participants": "Local communities, community actors, voluntary organisations, "
        "local authorities",
        "motivation": "",
        "leadership_style": "community",
        "leadership_note": "Community actors bridge residents, voluntary sector and authorities",
        "platform_reading": "Service area housing: the platform's reading of neighbourhood "
        "renewal.",
    },
    # --- seed 003: examples by service area ---------------------------------------------
    {
        "slug": "family-nurse-partnerships",
        "title": "Family Nurse Partnerships",
        "summary": "Nurses meet young, often first-time, mothers regularly and build "
        "relationships with them and their children, supporting them from breastfeeding to "
        "finding work, growing the parents' confidence and drawing in their neighbours. The "
        "idea came from the psychologist David Olds.",
        "service_area": "children_families",
        "country": "Not stated",
        "stages": ["co_performing"],
        "source": WIKI,
        "sources": [cite(SEED_003, 59, 69)],
        "policy_phase": "Delivery",
        "participants": "Family nurses, young parents, their neighbours",
        "motivation": "Better long-term outcomes from the earliest years",
        "leadership_style": "not_recorded",
        "figures": [
            {
                "label": "Outcomes",
                "value": "less child abuse and neglect; less anti-social behaviour",
            }
        ],
    },
    {
        "slug": "time-dollar-youth-court",
        "title": "Time Dollar Youth Court",
        "summary": "In Washington DC, young people charged for the first time are judged by a "
        "jury of other young people, who decide the activities that make amends in place of "
        "a criminal record; respondents are encouraged to sit on a jury themselves.",
        "service_area": "justice",
        "locality": "Washington DC",
        "country": "United States",
        "stages": ["co_performing", "co_assessment"],
        "source": f"{WIKI}; {BOVAIRD}",
        "sources": [cite(SEED_003, 71, 89), cite(SEED_002, 389, 398)],
        "policy_phase": "Delivery",
        "participants": "Young jurors, respondents and families, a presiding judge",
        "motivation": "Keep first-time non-violent offenders out of the justice system",
        "leadership_style": "not_recorded",
        "typology": "User/community delivery of co-planned or co-designed services",
        "platform_reading": "Country: the platform's reading of Washington DC.",
    },
    {
        "slug": "merevale-house",
        "title": "Merevale House",
        "summary": "A privately funded care home for people with dementia where "
        "residents help prepare meals, garden, recruit staff and meet weekly: person-centred "
        "care with no 'us and them'. It has won national awards.",
        "service_area": "social_care",
        "country": "Not stated",
        "stages": ["co_management", "co_performing"],
        "source": WIKI,
        "sources": [cite(SEED_003, 91, 107)],
        "policy_phase": "Delivery",
        "participants": "Residents living with dementia, care staff",
        "motivation": "Residents as assets, not burdens",
        "leadership_style": "not_recorded",
    },
    # --- seed 000: cases cited in the discussion of leadership and power --------------
    {
        "slug": "parent-childcare-cooperatives-europe",
        "title": "Parent childcare co-operatives in eight European countries",
        "summary": "Officials in eight European countries let parents found childcare "
        "co-operatives as a way to better welfare services, yet treated them through "
        "hierarchy and unequal power rather than as equal partners.",
        "service_area": "children_families",
        "country": "Several European countries",
        "stages": ["co_management", "co_performing"],
        "source": f"Pestoff 2012, in {LEADING}",
        "sources": [cite(SEED_000, 114, 124)],
        "policy_phase": "Delivery",
        "participants": "Parents, public officials",
        "motivation": "Improve welfare services",
        "leadership_style": "not_recorded",
        "leadership_note": "Officials kept hierarchical control: decisions were not shared",
        "figures": [{"label": "Countries", "value": "8"}],
    },
    {
        "slug": "complementary-childcare-coproduction",
        "title": "Parents complementing childcare in Romania, Germany, Italy and Sweden",
        "summary": "Parents help with after-school and extracurricular activities and lead "
        "fundraising and building improvements, beside (not inside) the care that paid "
        "staff provide.",
        "service_area": "children_families",
        "country": "Several European countries",
        "stages": ["co_financing", "co_performing"],
        "source": f"Pestoff 2006, in {LEADING}",
        "sources": [cite(SEED_000, 427, 480)],
        "policy_phase": "Delivery",
        "participants": "Parents, childcare staff",
        "motivation": "Better childcare services",
        "leadership_style": "distributed",
        "leadership_note": "Staff lead the educational service; parents lead their contributions",
        "coproduction_type": "complementary",
    },
]
