"""FZ303: 模板残留与占位符."""

from __future__ import annotations

from fazhilint.rules.wording import PackRule, found_text


class Placeholder(PackRule):
    """模板残留：占位符未替换、内容被省略、文档网站水印。

    说明：
        找出套用模板或转存时留下的文字：`XX镇`、`××`、`20xx`、`****年`、`*次`、`某某`、
        `（略）`、`以A新时代……`、文档网站的水印（如“秘书之家—全网资源每日更新www.mishuzj.com”）。
        模式见规则包表 placeholder；县（区）可加入本地模板的占位写法。
        “张某某”这类对当事人的隐名写法不报告。
    为何：
        占位符说明报告没有写完或照搬了模板，公开发布后十分显眼。
    反例：
        XX镇2023年法治政府建设工作报告
        ---
        ****年，我乡开展会前学法*次。
        ---
        秘书之家—全网资源每日更新www.mishuzj.com湖北省人民政府关于2023年度法治政府建设情况的报告
    正例：
        松江镇2023年法治政府建设工作报告
        ---
        2023年，我乡开展会前学法4次，办理王某某等3人的法律援助申请。
    依据：
        《党政机关公文处理工作条例》第二十三条（内容完整、准确）；DOMAIN.md §4.1、§6 S10。
    """

    code = "FZ303"
    name = "placeholder"
    summary = "模板残留：占位符未替换（XX镇、××、20xx、****年、某某、（略））或网站水印"
    pack_required = ("pattern", "note")

    def finding(self, doc, entry, match, start, end):
        return self.make(entry, start, end, f"模板残留：“{found_text(match)}”{entry['note']}")
