"""The default rule table loaded by `guomen load-default-rules` (matched by name, so loading is idempotent).

Rule names and instructions are bureau data in Chinese, as analysts would write them; analysts edit or
deactivate them in the rule table afterwards.
"""

DEFAULT_RULES = [
    {
        "name": "活动物",
        "hs_prefix": "01",
        "channel": "physical_sampling",
        "instruction": "核查官方检疫证书，逐批临床检查并采样送检。",
    },
    {
        "name": "肉类及食用杂碎",
        "hs_prefix": "02",
        "channel": "physical_sampling",
        "instruction": "核对注册企业编号和卫生证书，检查冷链温度，抽样检测兽药残留和致病微生物。",
    },
    {
        "name": "水产品",
        "hs_prefix": "03",
        "channel": "physical",
        "instruction": "检查感官品质和温度，核对卫生证书。",
    },
    {
        "name": "乳品",
        "hs_prefix": "04",
        "channel": "document",
        "instruction": "核对卫生证书、中文标签和注册企业编号。",
    },
    {
        "name": "活植物及繁殖材料",
        "hs_prefix": "06",
        "channel": "physical_sampling",
        "instruction": "逐件查验有害生物，取样送实验室检疫鉴定。",
    },
    {
        "name": "新鲜蔬菜",
        "hs_prefix": "07",
        "channel": "document",
        "instruction": "核对种植基地备案号和植物检疫证书。",
    },
    {
        "name": "新鲜水果",
        "hs_prefix": "08",
        "channel": "physical",
        "instruction": "开箱查验检疫性有害生物，核对果园和包装厂注册号及“输往中华人民共和国”标识。",
    },
    {
        "name": "粮谷",
        "hs_prefix": "10",
        "channel": "physical",
        "instruction": "扦样检查杂草籽和仓储害虫。",
    },
    {
        "name": "油籽及种子",
        "hs_prefix": "12",
        "channel": "physical",
        "instruction": "扦样检查杂草籽、土壤和检疫性有害生物。",
    },
]
