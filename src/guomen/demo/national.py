"""The national organisation tree of `seed-demo --size national`: GACC's 42 directly-run customs districts.

Each district the demo bureau does not already have gets one subordinate customs (a branch) and two ports, one
under the district and one under the branch. The trade history still flows through the demo bureau's eight
ports; the tree gives every scope, report and permission a national shape to work on.
"""

from guomen.accounts.choices import OrgKind
from guomen.accounts.services import orgunit_create

from .masterdata import Bureau

# (code, city, English city) of the directly-run customs districts; SZ, GZ and SH come from reference.ORG_UNITS
# fmt: off
DISTRICTS = [
    ("BJ", "北京", "Beijing"), ("TJ", "天津", "Tianjin"), ("SJZ", "石家庄", "Shijiazhuang"),
    ("TYN", "太原", "Taiyuan"), ("MZL", "满洲里", "Manzhouli"), ("HHHT", "呼和浩特", "Hohhot"),
    ("SYG", "沈阳", "Shenyang"), ("DL", "大连", "Dalian"), ("CC", "长春", "Changchun"),
    ("HEB", "哈尔滨", "Harbin"), ("SH", "上海", "Shanghai"), ("NJ", "南京", "Nanjing"),
    ("HZ", "杭州", "Hangzhou"), ("NB", "宁波", "Ningbo"), ("HF", "合肥", "Hefei"),
    ("FZ", "福州", "Fuzhou"), ("XM", "厦门", "Xiamen"), ("NCG", "南昌", "Nanchang"),
    ("QD", "青岛", "Qingdao"), ("JN", "济南", "Jinan"), ("ZZ", "郑州", "Zhengzhou"),
    ("WH", "武汉", "Wuhan"), ("CS", "长沙", "Changsha"), ("GZ", "广州", "Guangzhou"),
    ("SZ", "深圳", "Shenzhen"), ("GB", "拱北", "Gongbei"), ("ST", "汕头", "Shantou"),
    ("HP", "黄埔", "Huangpu"), ("JM", "江门", "Jiangmen"), ("ZJ", "湛江", "Zhanjiang"),
    ("NN", "南宁", "Nanning"), ("HK", "海口", "Haikou"), ("CQ", "重庆", "Chongqing"),
    ("CD", "成都", "Chengdu"), ("GYG", "贵阳", "Guiyang"), ("KM", "昆明", "Kunming"),
    ("LS", "拉萨", "Lhasa"), ("XA", "西安", "Xi'an"), ("LZ", "兰州", "Lanzhou"),
    ("XN", "西宁", "Xining"), ("YC", "银川", "Yinchuan"), ("WLMQ", "乌鲁木齐", "Urumqi"),
]
# fmt: on


def build_national_tree(bureau: Bureau) -> int:
    """Add the districts, branches and ports the demo bureau lacks; returns how many units were added."""
    gacc = bureau.orgs["GACC"]
    added = 0
    for code, city, city_en in DISTRICTS:
        if code in bureau.orgs:
            continue
        district = orgunit_create(
            code=code,
            name=f"{city}海关",
            name_en=f"{city_en} Customs District",
            kind=OrgKind.BRANCH_BUREAU,
            parent=gacc,
        )
        branch = orgunit_create(
            code=f"{code}KF",
            name=f"{city}开发区海关",
            name_en=f"{city_en} Development Zone Customs",
            kind=OrgKind.BRANCH_BUREAU,
            parent=district,
        )
        airport = orgunit_create(
            code=f"{code}JC",
            name=f"{city}机场海关",
            name_en=f"{city_en} Airport Office",
            kind=OrgKind.PORT,
            parent=district,
        )
        zone = orgunit_create(
            code=f"{code}ZB",
            name=f"{city}综合保税区监管点",
            name_en=f"{city_en} Bonded Zone Office",
            kind=OrgKind.PORT,
            parent=branch,
        )
        for unit in (district, branch, airport, zone):
            bureau.orgs[unit.code] = unit
        added += 4
    return added
