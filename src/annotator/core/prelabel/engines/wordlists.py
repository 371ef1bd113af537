"""Word lists the rules use: surnames, organisation suffixes and known false positives."""

from __future__ import annotations

# The common single-character surnames (about 90% of the population) and the frequent compound ones.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向"
    "汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕"
    "单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦"
    "褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明"
    "佘池查麻苑迟邝钮"
) | frozenset(("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "司徒"))

# Words that end an organisation name and absorb the places and names before them (name + suffix -> ORG).
ORG_SUFFIXES = frozenset((
    "部", "委", "局", "厅", "院", "会", "办", "署", "处", "所", "社", "行", "厂", "司",
    "银行", "公司", "集团", "大学", "学院", "中学", "小学", "中心", "委员会", "协会", "学会", "研究所",
    "研究院", "法院", "检察院", "人民法院", "人民检察院", "政府", "人民政府", "党委", "总局", "联合会",
    "基金会", "电视台", "电台", "报社", "出版社", "医院", "支行", "分行", "总行", "大使馆", "领事馆",
    "代表团", "常委会", "人大", "政协", "总公司", "分公司", "工会", "商会", "俱乐部", "队", "军区",
    "公安局", "公安厅", "派出所", "管理局", "办公室", "办公厅", "组织部", "宣传部", "外交部", "公安部",
))

# Words jieba's dictionary tags as a person, place or organisation that in People's Daily (train_pool,
# never the dev articles) almost never are one (found by research/rules.py --droplist), plus
# common nouns a linguist knows jieba mis-tags (老虎/nr, 避风港/ns).
DROP = frozenset((
    "城市", "文明", "邓小平理论", "两国", "新春", "东西", "连", "外国", "双拥", "令人", "山区", "大国", "上市",
    "音乐会", "新建", "卢布", "祝贺", "党风廉政", "喜庆", "迎春", "今天上午", "今天下午", "老同志", "海洋",
    "普及", "智慧", "青少年", "英雄", "友谊", "小康", "党和政府", "新春佳节", "美丽", "荣誉", "明星", "崇高",
    "弘扬", "子弟兵", "泰铢", "小姐", "上岗", "贺卡", "爱国", "公正", "国家机关", "新鲜", "迎新春", "祝福",
    "古老", "老虎", "大中城市", "采取措施", "城镇", "道德", "回国", "关怀", "新村", "阳光", "党组织", "高潮",
    "人民军队", "光荣", "治安", "广大群众", "明白", "太阳", "卫星", "大都", "祥和", "避风港", "苍蝇", "人民政府",
    "三国", "西南", "东北",
))
