"""Warning titles and consumer advice in the bureau's words: written from a template per commodity group, never
from a raw foreign hazard string (a hazard still awaiting review is named by its kind: 微生物污染, 农药残留…)."""

import re

from guomen.catalog.choices import HazardKind

CJK = re.compile(r"[\u3400-\u9fff]")

HAZARD_KIND_WORDS = {
    HazardKind.QUARANTINE_PEST: "检疫性有害生物",
    HazardKind.PESTICIDE_RESIDUE: "农药残留",
    HazardKind.CONTAMINANT: "污染物",
    HazardKind.MICROBIOLOGICAL: "微生物污染",
    HazardKind.LABELLING: "标签不合格",
    HazardKind.OTHER: "质量安全",
}

# What the public is told to do, per commodity group (the group's own words; DEFAULT_ADVICE otherwise).
ADVICE = {
    "meat": "请通过正规渠道选购进口肉类及其制品，查看检验检疫证明，不购买来源不明的肉类；烹饪时烧熟煮透。",
    "aquatic": "请通过正规渠道选购进口水产品，注意冷链储存，生食水产品存在风险；烹饪时烧熟煮透。",
    "dairy": "请通过正规渠道选购进口乳制品，查看中文标签和保质期；婴幼儿配方乳粉请认准注册产品。",
    "eggs": "请通过正规渠道选购蛋及蛋制品，冷藏保存，生熟分开，烹饪时烧熟煮透。",
    "bee_products": "请通过正规渠道选购进口蜂产品，查看中文标签，婴儿不宜食用蜂蜜。",
    "vegetables": "请通过正规渠道选购进口蔬菜，食用前充分清洗。",
    "fresh_fruit": "请通过正规渠道选购进口水果，食用前充分清洗，不购买来源不明的水果。",
    "nuts_dried": "请通过正规渠道选购干果和坚果，发现霉变请勿食用。",
    "frozen_fruit": "请通过正规渠道选购冷冻及保藏水果，冷冻水果食用前请充分加热。",
    "coffee_tea_spices": "请通过正规渠道选购进口咖啡、茶叶和香辛料，查看中文标签。",
    "cereals": "请通过正规渠道选购粮谷及其制品，发现霉变请勿食用。",
    "edible_oils": "请通过正规渠道选购进口食用油，查看中文标签和保质期。",
    "sugar_confectionery": "请通过正规渠道选购进口糖果，查看中文标签和配料表。",
    "processed_food": "请通过正规渠道选购进口加工食品，查看中文标签、配料表和致敏物质提示。",
    "beverages": "请通过正规渠道选购进口饮料和酒类，查看中文标签。",
    "food_contact": "请通过正规渠道选购食品接触用品，按说明使用，不用于高温或酸性食品的请勿混用。",
    "toys": "请通过正规渠道为儿童选购玩具，查看适用年龄和警示说明。",
    "cosmetics": "请通过正规渠道选购进口化妆品，查看中文标签，使用后如有不适请停止使用并就医。",
    "consumer_goods": "请通过正规渠道选购进口消费品，查看中文标签和使用说明。",
    "vehicles": "请关注生产者发布的召回信息，及时到授权维修点检修。",
    "machinery_electrical": "请通过正规渠道选购进口电器，查看强制性产品认证（CCC）标志。",
}
DEFAULT_ADVICE = "请通过正规渠道选购进口商品，查看中文标签和检验检疫证明。"
HOTLINE = "发现问题可拨打12365。"


def hazard_words(hazard) -> str:
    """The hazard as the bureau names it: its Chinese name once accepted, otherwise its kind."""
    if hazard is None:
        return HAZARD_KIND_WORDS[HazardKind.OTHER]
    if not hazard.needs_review and CJK.search(hazard.name_zh or ""):
        return hazard.name_zh
    return HAZARD_KIND_WORDS.get(hazard.kind, HAZARD_KIND_WORDS[HazardKind.OTHER])


def goods_words(group) -> str:
    return group.name_zh if group is not None and group.name_zh else "进口商品"


def warning_title(*, subject: str, hazard) -> str:
    return f"关于{subject}{hazard_words(hazard)}风险的预警通报"


def consumer_title(*, group) -> str:
    return f"消费提示：{goods_words(group)}"


def consumer_text(*, group, hazard) -> str:
    advice = ADVICE.get(getattr(group, "code", ""), DEFAULT_ADVICE)
    return f"近期发现部分{goods_words(group)}存在{hazard_words(hazard)}风险。{advice}{HOTLINE}"
