"""Demo documents of the bureau: real titles and numbers, bodies generated from typical clauses."""

# (kind, number, title, issuer, issued, public, commodities, countries, hazards, replaces)
# fmt: off
DOCUMENTS = [
    ("regulation", "", "中华人民共和国进出境动植物检疫法", "全国人民代表大会常务委员会", "1991-10-30", True, ["08", "07"], [], [], ""),
    ("regulation", "", "中华人民共和国进出境动植物检疫法实施条例", "国务院", "1996-12-02", True, ["08", "07"], [], [], ""),
    ("regulation", "", "中华人民共和国食品安全法", "全国人民代表大会常务委员会", "2021-04-29", True, [], [], [], ""),
    ("regulation", "海关总署令第249号", "中华人民共和国进口食品境外生产企业注册管理规定", "海关总署", "2021-04-12", True, [], [], [], ""),
    ("regulation", "海关总署令第248号", "中华人民共和国进出口食品安全管理办法", "海关总署", "2021-04-12", True, [], [], [], ""),
    ("regulation", "质检总局令第68号", "进境水果检验检疫监督管理办法", "国家质量监督检验检疫总局", "2005-01-05", True, ["08"], [], [], ""),
    ("national_standard", "GB 2763-2019", "食品安全国家标准 食品中农药最大残留限量（2019年版）", "国家卫生健康委员会 农业农村部 国家市场监督管理总局", "2019-08-15", True, ["08", "07"], [], ["CHLORP", "CARBEN"], ""),
    ("national_standard", "GB 2763-2021", "食品安全国家标准 食品中农药最大残留限量", "国家卫生健康委员会 农业农村部 国家市场监督管理总局", "2021-03-03", True, ["08", "07"], [], ["CHLORP", "CARBEN", "CYPERM", "IMIDAC", "OMETHO", "PROCYM"], "GB 2763-2019"),
    ("national_standard", "GB 2762-2022", "食品安全国家标准 食品中污染物限量", "国家卫生健康委员会 国家市场监督管理总局", "2022-06-30", True, [], [], ["CADMIU", "LEAD"], ""),
    ("national_standard", "GB 7718-2011", "食品安全国家标准 预包装食品标签通则", "卫生部", "2011-04-20", True, [], [], [], ""),
    ("national_standard", "GB 29921-2021", "食品安全国家标准 预包装食品中致病菌限量", "国家卫生健康委员会 国家市场监督管理总局", "2021-09-07", True, [], [], [], ""),
    ("industry_standard", "SN/T 1157-2002", "进境水果检验检疫规程", "国家质量监督检验检疫总局", "2002-12-20", False, ["08"], [], [], ""),
    ("industry_standard", "SN/T 2455-2010", "进境水果检验检疫监督管理规范", "国家质量监督检验检疫总局", "2010-01-10", False, ["08"], [], [], ""),
    ("industry_standard", "SN/T 3289-2012", "粉蚧类检疫鉴定方法", "国家质量监督检验检疫总局", "2012-05-07", False, ["0810", "0804"], [], ["PLANLI", "PLANMI", "DYSMNE", "PSEUJA"], ""),
    ("industry_standard", "SN/T 1384-2016", "实蝇类检疫鉴定方法", "国家质量监督检验检疫总局", "2016-03-09", False, ["08"], [], ["BACTDO", "BACTCU", "BACTTR", "CERACA", "ANSTFR"], ""),
    ("international_standard", "ISO 22000:2018", "Food safety management systems — Requirements for any organization in the food chain", "ISO", "2018-06-19", True, [], [], [], ""),
    ("international_standard", "CAC/GL 21-1997", "Principles and Guidelines for the Establishment and Application of Microbiological Criteria Related to Foods", "Codex Alimentarius Commission", "1997-06-01", True, [], [], [], ""),
    ("international_standard", "ISPM 15", "Regulation of wood packaging material in international trade", "IPPC", "2019-04-01", True, [], [], [], ""),
    ("foreign_standard", "TAS 3-2013", "Thai Agricultural Standard: Durian", "ACFS Thailand", "2013-11-01", False, ["081060"], ["TH"], [], ""),
]
# fmt: on

CLAUSES = [
    "输华{commodity}应当来自经{country}官方注册并经海关总署批准的果园和包装厂。",
    "包装箱上应当用中文或英文标注水果名称、产地、果园或其注册号、包装厂名称或其注册号，并标注“输往中华人民共和国”字样。",
    "出口前，{country}官方应当对每批输华{commodity}实施检疫，发现检疫性有害生物的，该批货物不得输往中国。",
    "货物到达口岸后，海关依法实施检验检疫，核查植物检疫证书、注册信息和包装标识。",
    "发现{pest}等检疫性有害生物活体的，对该批货物作退运、销毁或除害处理，并暂停相关果园、包装厂输华资格。",
    "农药残留应当符合 GB 2763 的规定，污染物应当符合 GB 2762 的规定。",
    "检验检疫机构应当加强对进境水果的检疫监管，必要时采取加严检验措施。",
    "企业应当建立进货查验记录制度，如实记录食品名称、规格、数量、生产日期、批号、保质期和供货者信息。",
    "对不符合要求的产品，进口商应当立即停止进口、销售和使用，实施召回，并向海关报告。",
    "The exporting country shall ensure that consignments are free from quarantine pests of concern to China.",
]
