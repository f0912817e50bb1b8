"""FZ306: 报告中夹带请示."""

from __future__ import annotations

from fazhilint.rules.wording import PackRule, found_text


class RequestInReport(PackRule):
    """报告中夹带请示事项。

    说明：
        找出请示的用语：“妥否，请批示”“请予批准”“请批复”“恳请……解决”等（规则包表
        request-in-report）。“请予审议”（向会议报告）不是请示用语，不报告。
    为何：
        报告用于汇报工作、反映情况，不得夹带请示事项；需要上级批准的事项应另行请示。
    反例：
        以上报告，妥否，请批示。
        ---
        恳请县政府给予资金支持。
    正例：
        特此报告。
        ---
        现在，我代表国务院，向大会报告政府工作，请予审议。
    依据：
        《党政机关公文处理工作条例》（中办发〔2012〕14号）关于报告不得夹带请示事项的规定；
        DOMAIN.md §3.1、§6 S09。
    """

    code = "FZ306"
    name = "request-in-report"
    summary = "报告中夹带请示用语（妥否，请批示；请予批准）"

    def finding(self, doc, entry, match, start, end):
        return self.make(entry, start, end, f"报告中不应夹带请示事项：“{found_text(match)}”；"
                                            "需要上级批准或解决的事项请另行请示，报告结尾用“特此报告”")
