"""Fixed reference data of the demo bureau: units, users, hazards, requirements, rules.

Everything here is data, not behaviour; the builders in masterdata.py turn it into rows.
"""

from guomen.accounts.choices import OrgKind, Role
from guomen.catalog.choices import HazardKind

DEMO_PASSWORD = "guomen-demo"

# (code, name, English name, kind, parent code)
# fmt: off
ORG_UNITS = [
    ("GACC", "海关总署", "General Administration of Customs", OrgKind.GENERAL_BUREAU, None),
    ("SZ", "深圳局", "Shenzhen Customs District", OrgKind.BRANCH_BUREAU, "GACC"),
    ("WJD", "文锦渡局", "Wenjindu Port Office", OrgKind.PORT, "SZ"),
    ("HG", "皇岗局", "Huanggang Port Office", OrgKind.PORT, "SZ"),
    ("SZW", "深圳湾局", "Shenzhen Bay Port Office", OrgKind.PORT, "SZ"),
    ("SK", "蛇口局", "Shekou Port Office", OrgKind.PORT, "SZ"),
    ("GZ", "广州局", "Guangzhou Customs District", OrgKind.BRANCH_BUREAU, "GACC"),
    ("BY", "白云机场局", "Baiyun Airport Office", OrgKind.PORT, "GZ"),
    ("NS", "南沙局", "Nansha Port Office", OrgKind.PORT, "GZ"),
    ("SH", "上海局", "Shanghai Customs District", OrgKind.BRANCH_BUREAU, "GACC"),
    ("YS", "洋山局", "Yangshan Port Office", OrgKind.PORT, "SH"),
    ("PD", "浦东机场局", "Pudong Airport Office", OrgKind.PORT, "SH"),
]
# fmt: on
PORTS = [code for code, _n, _e, kind, _p in ORG_UNITS if kind == OrgKind.PORT]
PORT_BRANCH = {code: parent for code, _n, _e, kind, parent in ORG_UNITS if kind == OrgKind.PORT}
# fmt: off
PORT_TRANSPORT = {"WJD": "truck", "HG": "truck", "SZW": "truck", "SK": "container", "BY": "air",
                  "NS": "container", "YS": "container", "PD": "air"}
# fmt: on

# (username, role, unit code, display name); the enterprise user belongs to DEMO_ENTERPRISE_INDEX.
# fmt: off
USERS = [
    ("inspector_wjd", Role.INSPECTOR, "WJD", "张伟（文锦渡查验）"),
    ("lab_wjd", Role.LAB_ANALYST, "WJD", "李娜（文锦渡检测）"),
    ("analyst_sz", Role.RISK_ANALYST, "SZ", "王芳（深圳局风险分析）"),
    ("supervisor_sz", Role.SUPERVISOR, "SZ", "陈刚（深圳局科长）"),
    ("leader_sz", Role.LEADER, "SZ", "周建国（深圳局副局长）"),
    ("enterprise_demo", Role.ENTERPRISE, None, "刘洋（进口商报检员）"),
    ("admin_gacc", Role.ADMINISTRATOR, "GACC", "赵敏（系统管理员）"),
    ("inspector_by", Role.INSPECTOR, "BY", "黄磊（白云机场查验）"),
    ("supervisor2_sz", Role.SUPERVISOR, "SZ", "周敏（深圳局副科长，双人复核）"),
]
# fmt: on
API_KEY_NAME = "文锦渡单一窗口接口"
API_KEY_ORG = "WJD"

# (code, kind, Chinese name, English name, scientific name)
K = HazardKind
# fmt: off
HAZARDS = [
    ("PLANLI", K.QUARANTINE_PEST, "南洋臀纹粉蚧", "Coffee mealybug", "Planococcus lilacinus"),
    ("PLANMI", K.QUARANTINE_PEST, "大洋臀纹粉蚧", "Pacific mealybug", "Planococcus minor"),
    ("DYSMNE", K.QUARANTINE_PEST, "新菠萝灰粉蚧", "Grey pineapple mealybug", "Dysmicoccus neobrevipes"),
    ("PSEUJA", K.QUARANTINE_PEST, "杰克贝尔氏粉蚧", "Jack Beardsley mealybug", "Pseudococcus jackbeardsleyi"),
    ("CONOPU", K.QUARANTINE_PEST, "桃蛀螟", "Yellow peach moth", "Conogethes punctiferalis"),
    ("BACTDO", K.QUARANTINE_PEST, "橘小实蝇", "Oriental fruit fly", "Bactrocera dorsalis"),
    ("BACTCU", K.QUARANTINE_PEST, "瓜实蝇", "Melon fly", "Zeugodacus cucurbitae"),
    ("BACTTR", K.QUARANTINE_PEST, "昆士兰果实蝇", "Queensland fruit fly", "Bactrocera tryoni"),
    ("CERACA", K.QUARANTINE_PEST, "地中海实蝇", "Mediterranean fruit fly", "Ceratitis capitata"),
    ("ANSTFR", K.QUARANTINE_PEST, "南美按实蝇", "South American fruit fly", "Anastrepha fraterculus"),
    ("CYDIPO", K.QUARANTINE_PEST, "苹果蠹蛾", "Codling moth", "Cydia pomonella"),
    ("BREVCH", K.QUARANTINE_PEST, "智利小红蛛", "Chilean false red mite", "Brevipalpus chilensis"),
    ("THAULE", K.QUARANTINE_PEST, "苹果异形小卷蛾", "False codling moth", "Thaumatotibia leucotreta"),
    ("PHYLCI", K.QUARANTINE_PEST, "柑橘黑斑病菌", "Citrus black spot", "Phyllosticta citricarpa"),
    ("PSDMAK", K.QUARANTINE_PEST, "猕猴桃细菌性溃疡病菌", "Kiwifruit bacterial canker",
     "Pseudomonas syringae pv. actinidiae"),
    ("CHLORP", K.PESTICIDE_RESIDUE, "毒死蜱", "Chlorpyrifos", ""),
    ("CARBEN", K.PESTICIDE_RESIDUE, "多菌灵", "Carbendazim", ""),
    ("CYPERM", K.PESTICIDE_RESIDUE, "氯氰菊酯", "Cypermethrin", ""),
    ("IMIDAC", K.PESTICIDE_RESIDUE, "吡虫啉", "Imidacloprid", ""),
    ("OMETHO", K.PESTICIDE_RESIDUE, "氧乐果", "Omethoate", ""),
    ("PROCYM", K.PESTICIDE_RESIDUE, "腐霉利", "Procymidone", ""),
    ("SO2", K.CONTAMINANT, "二氧化硫残留", "Sulphur dioxide residue", ""),
    ("CADMIU", K.CONTAMINANT, "镉", "Cadmium", ""),
    ("LEAD", K.CONTAMINANT, "铅", "Lead", ""),
    ("CHLORA", K.CONTAMINANT, "氯霉素", "Chloramphenicol", ""),
    ("RACTOP", K.OTHER, "莱克多巴胺", "Ractopamine", ""),
    ("SALMON", K.MICROBIOLOGICAL, "沙门氏菌", "Salmonella", "Salmonella spp."),
    ("LISTMO", K.MICROBIOLOGICAL, "单核细胞增生李斯特氏菌", "Listeria monocytogenes", "Listeria monocytogenes"),
    ("ECO157", K.MICROBIOLOGICAL, "大肠埃希氏菌O157:H7", "E. coli O157:H7", "Escherichia coli O157:H7"),
    ("VIBRPA", K.MICROBIOLOGICAL, "副溶血性弧菌", "Vibrio parahaemolyticus", "Vibrio parahaemolyticus"),
    ("LABELZ", K.LABELLING, "中文标签不符合要求", "Chinese label non-compliant", ""),
    ("MARKNG", K.LABELLING, "缺少输华标识", "Export-to-China marking missing", ""),
]
# fmt: on

# (hazard code, HS code, limit, unit) — maximum limits after GB 2763 / GB 2762 / GB 29921.
# fmt: off
LIMITS = [
    ("CHLORP", "080510", "1", "mg/kg"), ("CHLORP", "081060", "0.4", "mg/kg"),
    ("CHLORP", "070490", "0.02", "mg/kg"), ("CHLORP", "070511", "0.02", "mg/kg"),
    ("CARBEN", "080510", "5", "mg/kg"), ("CARBEN", "080450", "2", "mg/kg"), ("CARBEN", "080440", "0.5", "mg/kg"),
    ("CARBEN", "080610", "3", "mg/kg"), ("CARBEN", "081090", "0.5", "mg/kg"), ("CARBEN", "070490", "0.5", "mg/kg"),
    ("CYPERM", "080510", "2", "mg/kg"), ("CYPERM", "080929", "2", "mg/kg"), ("CYPERM", "080610", "0.2", "mg/kg"),
    ("CYPERM", "081060", "1", "mg/kg"), ("CYPERM", "070490", "2", "mg/kg"), ("CYPERM", "070410", "1", "mg/kg"),
    ("IMIDAC", "080510", "1", "mg/kg"), ("IMIDAC", "081090", "0.5", "mg/kg"), ("IMIDAC", "070490", "0.5", "mg/kg"),
    ("OMETHO", "070490", "0.02", "mg/kg"), ("OMETHO", "070511", "0.02", "mg/kg"),
    ("PROCYM", "080610", "5", "mg/kg"), ("PROCYM", "081050", "2", "mg/kg"), ("PROCYM", "080929", "10", "mg/kg"),
    ("SO2", "081090", "50", "mg/kg"),
    ("CADMIU", "070490", "0.2", "mg/kg"), ("CADMIU", "070511", "0.2", "mg/kg"), ("CADMIU", "030617", "0.5", "mg/kg"),
    ("LEAD", "070490", "0.3", "mg/kg"), ("LEAD", "080510", "0.1", "mg/kg"), ("LEAD", "020230", "0.2", "mg/kg"),
    ("CHLORA", "030617", "0", "µg/kg"), ("RACTOP", "020230", "0", "µg/kg"),
    ("SALMON", "020230", "0", "CFU/25g"), ("SALMON", "040221", "0", "CFU/25g"),
    ("LISTMO", "020230", "0", "CFU/25g"), ("ECO157", "020230", "0", "CFU/25g"),
    ("VIBRPA", "030617", "100", "MPN/g"),
]
# fmt: on

CHINA_MARK = "输往中华人民共和国"
# (HS, origin, pests of concern, required treatment, registered base required, protocol, notes)
# fmt: off
REQUIREMENTS = [
    ("081060", "TH", ["PLANLI", "PLANMI", "DYSMNE", "CONOPU"], "", True,
     "泰国水果输华植物检疫议定书", "果园、包装厂须经注册；包装箱标注果园和包装厂注册号。"),
    ("081060", "VN", ["PLANLI", "PLANMI", "DYSMNE", "BACTDO"], "", True,
     "越南鲜食榴莲输华植物检疫要求", "仅限经注册的果园和包装厂。"),
    ("080450", "TH", ["PLANMI", "DYSMNE", "PSEUJA", "BACTDO"], "", True,
     "泰国水果输华植物检疫议定书", "山竹须去除萼片下的粉蚧等有害生物。"),
    ("081090", "TH", ["BACTDO", "CONOPU", "PLANLI", "DYSMNE"], "", True,
     "泰国水果输华植物检疫议定书", "龙眼二氧化硫残留不得超过 50 mg/kg（果肉）。"),
    ("081090", "VN", ["BACTDO", "BACTCU", "DYSMNE", "PLANLI"], "", True,
     "越南水果输华植物检疫要求", "适用于火龙果、龙眼等。"),
    ("080929", "CL", ["BREVCH", "CYDIPO"], "", True, "智利鲜食樱桃输华植物检疫要求", ""),
    ("080440", "PE", ["CERACA", "ANSTFR"], "", True, "秘鲁鳄梨输华植物检疫要求", "仅限哈斯品种。"),
    ("080610", "PE", ["CERACA", "ANSTFR"], "冷处理：果肉温度 ≤1.5℃ 持续 19 天", True,
     "秘鲁鲜食葡萄输华植物检疫要求", ""),
    ("081050", "NZ", ["PSDMAK"], "", True, "新西兰猕猴桃输华植物检疫要求", ""),
    ("080510", "ZA", ["THAULE", "PHYLCI", "CERACA"], "冷处理：果肉温度 ≤-0.5℃ 持续 24 天", True,
     "南非柑橘输华植物检疫要求", ""),
    ("080510", "AU", ["BACTTR", "CERACA"], "冷处理：果肉温度 ≤2℃ 持续 18 天", True,
     "澳大利亚柑橘输华植物检疫要求", ""),
    ("080610", "AU", ["BACTTR", "CERACA"], "冷处理：果肉温度 ≤1℃ 持续 16 天", True,
     "澳大利亚鲜食葡萄输华植物检疫要求", ""),
]
# fmt: on

# (name, HS prefix, origin, direction, channel, instruction) — added to targeting's default rule table.
# fmt: off
RULES = [
    ("泰国榴莲 查验+抽样", "081060", "TH", "import", "physical_sampling",
     "核对果园、包装厂注册号和输华标识；重点检查南洋臀纹粉蚧、大洋臀纹粉蚧。"),
    ("越南榴莲 查验+抽样", "081060", "VN", "import", "physical_sampling", "核对注册号；检查粉蚧和实蝇。"),
    ("南非柑橘 冷处理核查+抽样", "080510", "ZA", "import", "physical_sampling",
     "核查冷处理温度记录；剖果检查苹果异形小卷蛾，抽样送检柑橘黑斑病菌。"),
    ("冻虾 查验+抽样", "0306", None, "import", "physical_sampling", "抽样检测氯霉素和副溶血性弧菌。"),
]
# fmt: on
