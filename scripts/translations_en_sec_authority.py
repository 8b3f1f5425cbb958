"""English for the strings of the permission work (admin scoping, delivery reversal, bulk actions)."""

TRANSLATIONS = {
    "您无权操作的项目：%(n)s 项（不予列出）。": "Items you may not act on: %(n)s (not listed).",
    "撤销交付记录": "Reverse delivery record",
    "撤销": "Reverse",
    "撤销理由": "Reason for reversing",
    "只有需求所在地区的民政干部可以撤销交付记录": "Only officers of the need's region may reverse a delivery record",
    "已撤销交付记录 #%(pk)s，已记入需求的公开记录": "Delivery record #%(pk)s reversed; the need's public log says so",
    "您无权审核该地区登记的社会组织": "You may not vet organisations registered in that region",
    "交付记录 #%(pk)s：%(by)s，%(day)s，%(what)s": "Delivery record #%(pk)s: %(by)s, %(day)s, %(what)s",
    "已于 %(at)s 撤销：%(reason)s": "Reversed on %(at)s: %(reason)s",
    "撤销后，该记录保留并标为已撤销，撤销理由记入需求的公开记录；若需求因此次交付而完成，将恢复为交付前的状态。": (
        "The record is kept and marked as reversed, and the reason goes on the need's public log; if the need "
        "was fulfilled by this delivery, it returns to the status it had before."),
}
