"""Names and places for the demo's enterprises and production bases (invented, plausible)."""

# Trade names (字号) with their pinyin.
# fmt: off
TRADE_NAMES = [
    ("鑫荣", "Xinrong"), ("华鲜", "Huaxian"), ("百果", "Baiguo"), ("佳农", "Jianong"), ("优果", "Youguo"),
    ("海联", "Hailian"), ("丰泰", "Fengtai"), ("嘉禾", "Jiahe"), ("南丰", "Nanfeng"), ("恒通", "Hengtong"),
    ("润泽", "Runze"), ("金果", "Jinguo"), ("鹏程", "Pengcheng"), ("东盛", "Dongsheng"), ("永兴", "Yongxing"),
    ("广源", "Guangyuan"), ("信达", "Xinda"), ("中联", "Zhonglian"), ("四海", "Sihai"), ("洋帆", "Yangfan"),
    ("瑞丰", "Ruifeng"), ("宏图", "Hongtu"), ("新润", "Xinrun"), ("天鲜", "Tianxian"), ("合众", "Hezhong"),
    ("长青", "Changqing"), ("绿源", "Lvyuan"), ("田园", "Tianyuan"), ("万家", "Wanjia"), ("鲜达", "Xianda"),
    ("华南", "Huanan"), ("粤港", "Yuegang"), ("港丰", "Gangfeng"), ("利丰", "Lifeng"), ("兴隆", "Xinglong"),
    ("安达", "Anda"), ("捷运", "Jieyun"), ("惠民", "Huimin"), ("致远", "Zhiyuan"), ("盛世", "Shengshi"),
    ("誉满", "Yuman"), ("晨曦", "Chenxi"), ("康源", "Kangyuan"), ("福临", "Fulin"), ("和昌", "Hechang"),
    ("同德", "Tongde"), ("远航", "Yuanhang"), ("金穗", "Jinsui"), ("青禾", "Qinghe"), ("明珠", "Mingzhu"),
    ("国泰", "Guotai"), ("益农", "Yinong"), ("大地", "Dadi"), ("星海", "Xinghai"), ("沃土", "Wotu"),
    ("凯旋", "Kaixuan"), ("君和", "Junhe"), ("泰和", "Taihe"), ("正大丰", "Zhengdafeng"), ("聚鲜", "Juxian"),
]
# fmt: on

# kind → ((Chinese business words, English business words), ...)
# fmt: off
BUSINESS = {
    "importer": (("果业进出口有限公司", "Fruit Import & Export Co., Ltd."),
                 ("食品进出口有限公司", "Food Import & Export Co., Ltd."),
                 ("农产品供应链管理有限公司", "Agricultural Supply Chain Management Co., Ltd."),
                 ("国际贸易有限公司", "International Trading Co., Ltd.")),
    "exporter": (("农业发展有限公司", "Agricultural Development Co., Ltd."),
                 ("蔬菜供港有限公司", "Vegetable Supply (Hong Kong) Co., Ltd.")),
    "agent": (("报关报检有限公司", "Customs Brokerage Co., Ltd."),
              ("国际货运代理有限公司", "International Freight Forwarding Co., Ltd.")),
    "cold_store": (("冷链物流有限公司", "Cold Chain Logistics Co., Ltd."),),
    "packhouse": (("果蔬包装有限公司", "Produce Packing Co., Ltd."),),
    "producer": (("农业科技有限公司", "Agricultural Technology Co., Ltd."), ("食品有限公司", "Foods Co., Ltd.")),
}
# fmt: on
# (count, kind) — about a hundred enterprises.
# fmt: off
ENTERPRISE_MIX = [(45, "importer"), (15, "exporter"), (15, "agent"), (10, "cold_store"), (8, "packhouse"),
                  (7, "producer")]
# fmt: on

# city → (Chinese, English, USCC region codes with districts, supervising ports, streets, phone area)
# fmt: off
CITIES = {
    "SZ": ("深圳市", "Shenzhen", (("440303", "罗湖区"), ("440304", "福田区"), ("440305", "南山区"),
                                ("440306", "宝安区"), ("440307", "龙岗区")),
           ("WJD", "HG", "SZW", "SK"), ("文锦中路", "布吉路", "福华三路", "蛇口工业大道", "宝安大道", "龙岗大道"),
           "0755"),
    "GZ": ("广州市", "Guangzhou", (("440103", "荔湾区"), ("440106", "天河区"), ("440111", "白云区"),
                                 ("440115", "南沙区")),
           ("BY", "NS"), ("江南大道中", "天河北路", "机场路", "港前大道", "黄埔大道西"), "020"),
    "SH": ("上海市", "Shanghai", (("310115", "浦东新区"), ("310112", "闵行区"), ("310114", "嘉定区")),
           ("YS", "PD"), ("申港大道", "航城七路", "沪闵路", "曹安公路", "江桥路"), "021"),
}
# fmt: on
CITY_SHARE = (("SZ", 0.5), ("GZ", 0.3), ("SH", 0.2))

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁郑谢宋唐许邓冯韩曹"
# fmt: off
GIVEN = ("伟", "芳", "娜", "敏", "静", "磊", "强", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华",
         "志强", "晓东", "海燕", "丽华", "国平", "文博", "嘉欣")
# fmt: on

# Production bases: (country, commodities, kind, code pattern, count, regions, name patterns)
# A code pattern takes {n}; a name pattern takes {w} (a word) and {region}.
# fmt: off
WORDS = {
    "TH": ("Thong", "Mongkol", "Charoen", "Somboon", "Rungroj", "Sawang", "Prasert", "Boonmee", "Sukjai",
           "Wattana", "Siam", "Chaiyo", "Ruamchai", "Thawee", "Saeng"),
    "VN": ("Ham Thuan", "Phuoc The", "Hoa Phat", "Thanh Binh", "Tan Phu", "Minh Chau", "Hung Thinh", "An Phu",
           "Phu Quy", "Long Thanh"),
    "CL": ("Los Robles", "San Clemente", "El Parron", "Santa Elena", "Las Tortolas", "Rio Claro", "La Quinta",
           "Don Alberto", "Los Aromos", "El Carmen"),
    "PE": ("San Pedro", "Virú", "Chavimochic", "Santa Rosa", "El Pedregal", "La Joya", "Los Olivos"),
    "AU": ("Riverland", "Murray Bend", "Red Cliffs", "Loxton", "Waikerie", "Mildura"),
    "NZ": ("Te Puke", "Katikati", "Paengaroa", "Opotiki", "Maketu", "Pongakawa"),
    "ZA": ("Sundays River", "Letsitele", "Citrusdal", "Patensie", "Hoedspruit", "Groblersdal"),
    "BR": ("Barretos", "Lins", "Promissão", "Mozarlândia", "Naviraí"),
    "EC": ("Guayas", "El Oro", "Machala", "Durán"),
    "IN": ("Nellore", "Bhimavaram", "Veraval", "Kakinada"),
    "CN": ("绿野", "丰收", "青山", "碧水", "金田", "东江", "西江", "北岭", "南坡", "新村", "福田", "稻香"),
}
# fmt: on
# fmt: off
BASES = [
    ("TH", ("durian",), "orchard", "TH-GAP-03-{n:04d}", 36, ("Chanthaburi", "Rayong", "Chumphon", "Trat"),
     "Suan {w} Durian Orchard"),
    ("TH", ("mangosteen",), "orchard", "TH-GAP-05-{n:04d}", 12, ("Chanthaburi", "Trat", "Chumphon"),
     "{w} Mangosteen Orchard"),
    ("TH", ("longan",), "orchard", "TH-GAP-07-{n:04d}", 10, ("Chanthaburi", "Chiang Mai", "Lamphun"),
     "{w} Longan Orchard"),
    ("TH", ("durian", "mangosteen", "longan"), "packhouse", "TH-DOA-PH-{n:04d}", 12,
     ("Chanthaburi", "Rayong", "Chumphon"), "{w} Fruit Packing Co., Ltd."),
    ("VN", ("dragon_fruit",), "orchard", "VN-BTOR-{n:04d}", 14, ("Binh Thuan", "Long An", "Tien Giang"),
     "{w} Dragon Fruit Cooperative"),
    ("VN", ("longan",), "orchard", "VN-HYOR-{n:04d}", 6, ("Hung Yen", "Tien Giang"), "{w} Longan Farm"),
    ("VN", ("durian",), "orchard", "VN-DLOR-{n:04d}", 10, ("Dak Lak", "Tien Giang", "Ben Tre"),
     "{w} Durian Garden"),
    ("VN", ("dragon_fruit", "longan", "durian"), "packhouse", "VN-PHC-{n:04d}", 8,
     ("Binh Thuan", "Tien Giang", "Dak Lak"), "{w} Fruit Packing JSC"),
    ("CL", ("cherry",), "orchard", "CL-CSG-{n:06d}", 14, ("O'Higgins", "Maule", "Metropolitana"),
     "Agrícola {w} Ltda."),
    ("CL", ("cherry",), "packhouse", "CL-CSP-{n:05d}", 5, ("O'Higgins", "Maule"), "Frutícola {w} S.A."),
    ("PE", ("avocado",), "orchard", "PE-LP-{n:05d}", 8, ("La Libertad", "Ica", "Lambayeque"),
     "Agrícola {w} S.A.C."),
    ("PE", ("grape",), "orchard", "PE-LP-{n:05d}", 6, ("Ica", "Piura"), "Fundo {w} S.A.C."),
    ("PE", ("avocado", "grape"), "packhouse", "PE-PE-{n:04d}", 4, ("Ica", "La Libertad", "Piura"),
     "Empacadora {w} S.A.C."),
    ("AU", ("orange",), "orchard", "AU-REG-{n:05d}", 5, ("Riverland", "Sunraysia"), "{w} Citrus Orchard"),
    ("AU", ("grape",), "orchard", "AU-REG-{n:05d}", 5, ("Sunraysia", "Murray Valley"), "{w} Table Grapes"),
    ("AU", ("orange", "grape"), "packhouse", "AU-PH-{n:04d}", 3, ("Riverland", "Sunraysia"), "{w} Packers Pty Ltd"),
    ("NZ", ("kiwifruit",), "orchard", "NZ-KPIN-{n:05d}", 10, ("Bay of Plenty",), "{w} Kiwifruit Orchard"),
    ("NZ", ("kiwifruit",), "packhouse", "NZ-PH-{n:04d}", 3, ("Bay of Plenty",), "{w} Packhouse Ltd"),
    ("ZA", ("orange",), "orchard", "ZA-PUC-C{n:04d}", 10, ("Eastern Cape", "Limpopo", "Western Cape"),
     "{w} Citrus Estate"),
    ("ZA", ("orange",), "packhouse", "ZA-PHC-P{n:04d}", 3, ("Eastern Cape", "Limpopo"), "{w} Packhouse (Pty) Ltd"),
    ("CN", ("choy_sum", "lettuce", "broccoli"), "farm", "GD-VB-{n:04d}", 24,
     ("惠州市博罗县", "肇庆市高要区", "东莞市麻涌镇", "江门市台山市", "韶关市南雄市", "深圳市光明区"),
     "{region}{w}供港蔬菜种植基地"),
    ("AU", ("beef",), "processing_plant", "AU-EST-{n:04d}", 4, ("Queensland", "New South Wales"),
     "{w} Meat Processors Pty Ltd"),
    ("BR", ("beef",), "processing_plant", "BR-SIF-{n:04d}", 5, ("São Paulo", "Goiás", "Mato Grosso do Sul"),
     "Frigorífico {w} Ltda."),
    ("EC", ("shrimp",), "processing_plant", "EC-PAC-{n:04d}", 4, ("Guayas", "El Oro"), "Empacadora {w} S.A."),
    ("IN", ("shrimp",), "processing_plant", "IN-EIC-{n:04d}", 3, ("Andhra Pradesh", "Gujarat"),
     "{w} Seafoods Pvt Ltd"),
    ("NZ", ("milk_powder",), "processing_plant", "NZ-DAIRY-{n:04d}", 3, ("Waikato", "Canterbury"),
     "{w} Dairy Ltd"),
]
# fmt: on
# Codes of orchards that go wrong often (by BASES group and index): the story a risk model should find.
# fmt: off
BAD_BASES = (("TH-GAP-03-", 3), ("TH-GAP-03-", 17), ("VN-BTOR-", 5), ("CL-CSG-", 8), ("ZA-PUC-C", 2),
             ("GD-VB-", 11))
# fmt: on
# (code prefix, index, status, days before today, reason)
# fmt: off
SUSPENDED_BASES = (
    ("TH-GAP-03-", 17, "suspended", 90, "连续检出南洋臀纹粉蚧，暂停输华资格"),
    ("VN-BTOR-", 5, "suspended", 45, "多批次检出橘小实蝇，暂停输华资格"),
    ("ZA-PHC-P", 2, "suspended", 200, "冷处理记录不完整，暂停使用"),
    ("GD-VB-", 20, "revoked", 300, "备案基地已停产"),
)
# fmt: on
