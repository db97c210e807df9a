/** Where every QAPI method lives: `POST {base}/GMKT.INC.Front.QAPIService/ebayjapan.qapi/{Class}.{Method}`. */
export const QAPI_PATH = "/GMKT.INC.Front.QAPIService/ebayjapan.qapi";

/** The QAPI methods this client calls (names as Qoo10's seller API docs spell them). */
export const QAPI_METHODS = {
  orderByNumber: "ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2",
  claims: "ShippingBasic.GetClaimInfo_V3",
  cancel: "Claim.SetCancelProcess",
  acceptClaim: "Claim.SetClaimAccept",
  buyerMessage: "CSCenter.SendBuyerMessage",
} as const;

/**
 * ASSUMPTION — the buyer message of Q5. Qoo10's seller API lists no call that starts a message to
 * a buyer: its 65 seller methods (mirrored from the QSM-login docs in public integrations, and a
 * public probe of ~240 names) include only `CSCenter.GetInquiryMessage` and
 * `CSCenter.SetInquiryMessage`, which answer an inquiry the buyer opened (`question_no`/`seq_no`
 * required). Until Qoo10 confirms a method, this one name, its parameters and the category value
 * are our assumption, kept here and nowhere else; the fake answers it the same way.
 */
export const QOO10_BUYER_MESSAGE = {
  method: QAPI_METHODS.buyerMessage,
  /** The console's message category for cancels and refunds (Q5). */
  category: "キャンセル/払い戻し",
  /** `SetInquiryMessage` caps `contents` at 4000 characters; we assume the same. */
  maxLength: 4000,
  params(input: { orderNo: string; title: string; contents: string }): Record<string, string> {
    return { OrderNo: input.orderNo, MessageType: QOO10_BUYER_MESSAGE.category, Title: input.title, Contents: input.contents };
  },
} as const;
