/** C7's words in a manual refund task, by what made the refund manual. */
export const MANUAL_WHY = {
  decided: "C7: past LINE Pay's 60-day online refund window",
  line_pay_1163: "C7: LINE Pay answered 1163 (the refundable period is over)",
} as const;
