"""FZ004: 配置试图改动已锁定的规则或选项."""

from __future__ import annotations

from fazhilint.rule import Rule


class LockedSetting(Rule):
    """本单位的配置试图停用、降级或改动上级配置锁定（locked）的规则或选项；未采用，照常检查。

    说明：
        县（区）的共用配置可用 locked = ["FZ2", "FZ503.threshold"] 锁定规则和选项；乡镇的配置通过
        extend 继承它。乡镇配置中的 ignore、select、[per-file-ignores]、[severity] 或 [options.*]
        若会停用、改动被锁定的规则或选项，这些设置不生效，并在每个受影响的文件上报告本项，
        说明是哪个文件的哪一项、被哪个文件锁定。被锁定的规则也不能用批注或注释忽略（见 FZ003）。
    为何：
        国家标准和条例规定的要求不能由下级自行关掉；悄悄不采用会让人误以为设置生效了，所以明确告知。
    反例：
        （乡镇 fazhilint.toml）extend = "../县级规则.toml" 且 ignore = ["FZ203"]，而县级规则锁定了 FZ2
    正例：
        （乡镇 fazhilint.toml）extend = "../县级规则.toml" 且 ignore = ["FZ107"]
    依据：
        fazhilint 设计约定：县级配置统一、部分规则不可协商（locked）。
    """

    code = "FZ004"
    name = "locked-setting"
    summary = "配置试图停用或改动已锁定的规则、选项（未采用，照常检查）"
    engine_only = True
