// Russian email texts: the same keys as en.ts.
import type { EmailMessages } from './en'

export const ru: EmailMessages = {
  'common.order': 'Заказ {order}',
  'common.case': 'Заявка {case}',
  'common.caseLabel': 'Заявка',
  'common.orderLabel': 'Заказ',
  'common.items': 'Товары',
  'common.item': '{title} × {quantity}',
  'common.viewCase': 'Открыть заявку',
  'common.viewOrder': 'Отследить заказ',
  'common.help': 'Есть вопросы? Ответьте на это письмо или напишите на {email}.',
  'common.helpReply': 'Есть вопросы? Ответьте на это письмо.',
  'common.why': 'Вы получили это письмо, потому что сделали заказ в {shop}.',
  'common.preferences': 'Отключить или включить письма о доставке',
  'common.carrier': 'Перевозчик',
  'common.trackingNumber': 'Трек-номер',
  'common.eta': 'Ожидаемая доставка',
  'common.carrierLink': 'Следить на сайте {carrier}',

  'resolution.label': 'Что вы получите',
  'resolution.refund': 'Возврат денег на исходный способ оплаты',
  'resolution.store_credit': 'Баланс в магазине',
  'resolution.exchange': 'Обмен',
  'resolution.coupon': 'Промокод на скидку',
  'resolution.reship': 'Повторная отправка бесплатно',
  'amount.expected': 'Сумма',
  'amount.issued': 'Выплачено',

  'case-received.subject': 'Мы получили вашу заявку {case} по заказу {order}',
  'case-received.heading': 'Мы получили вашу заявку',
  'case-received.body':
    'Спасибо. Ваша заявка {case} по заказу {order} передана нашей команде. Мы напишем, как только её рассмотрим.',
  'case-approved.subject': 'Ваша заявка {case} одобрена',
  'case-approved.heading': 'Заявка одобрена',
  'case-approved.body': '{shop} одобрил вашу заявку {case}. Дальнейшие шаги — на странице заявки.',
  'case-rejected.subject': 'О вашей заявке {case}',
  'case-rejected.heading': 'Мы не можем одобрить заявку',
  'case-rejected.body': 'К сожалению, {shop} не может одобрить вашу заявку {case} по заказу {order}.',
  'case-rejected.reason': 'Причина',
  'case-needs-info.subject': 'Нужны подробности по заявке {case}',
  'case-needs-info.heading': 'Нам нужно немного больше информации',
  'case-needs-info.body': 'Чтобы продолжить работу с заявкой {case}, {shop} ждёт вашего ответа.',
  'case-needs-info.question': 'Наш вопрос',
  'case-needs-info.action': 'Ответить на странице заявки',
  'case-coupon.subject': 'Ваш промокод по заявке {case}',
  'case-coupon.heading': 'Ваш промокод готов',
  'case-coupon.body': '{shop} отправил вам промокод по заявке {case} (заказ {order}).',
  'coupon.code': 'Ваш промокод',
  'coupon.worth': 'Скидка',
  'coupon.useBy': 'Действует до',
  'coupon.howTo':
    'Введите промокод при оформлении заказа. Его можно использовать один раз, для одного заказа.',
  'case-resolved.subject': 'Заявка {case} выполнена',
  'case-resolved.heading': 'Заявка выполнена',
  'case-resolved.body': '{shop} выполнил вашу заявку {case} по заказу {order}.',
  'expect.refund.approval': 'Возврат {amount} отправим после одобрения заявки — ожидайте его до {date}.',
  'expect.refund.first_scan':
    'Возврат {amount} отправим, когда перевозчик впервые отсканирует вашу посылку, — ожидайте его до {date}.',
  'expect.refund.delivered':
    'Возврат {amount} отправим, когда посылка прибудет в магазин, — ожидайте его до {date}.',
  'expect.refund.inspected':
    'Возврат {amount} отправим, когда магазин проверит товары, — ожидайте его до {date}.',
  'expect.refund.released': 'Возврат {amount} уже в пути — ожидайте его до {date}.',
  'expect.refund.issued':
    'Возврат {amount} отправлен; обычно банк зачисляет его в течение пяти рабочих дней — ожидайте его до {date}.',
  'expect.store_credit.approval':
    'Бонусы на {amount} начислим после одобрения заявки — ожидайте их до {date}.',
  'expect.store_credit.first_scan':
    'Бонусы на {amount} начислим, когда перевозчик впервые отсканирует вашу посылку, — ожидайте их до {date}.',
  'expect.store_credit.delivered':
    'Бонусы на {amount} начислим, когда посылка прибудет в магазин, — ожидайте их до {date}.',
  'expect.store_credit.inspected':
    'Бонусы на {amount} начислим, когда магазин проверит товары, — ожидайте их до {date}.',
  'expect.store_credit.released': 'Бонусы на {amount} уже начисляются — ожидайте их до {date}.',
  'expect.coupon.approval': 'Купон на {amount} отправим после одобрения заявки — ожидайте его до {date}.',
  'expect.coupon.first_scan':
    'Купон на {amount} отправим, когда перевозчик впервые отсканирует вашу посылку, — ожидайте его до {date}.',
  'expect.coupon.delivered':
    'Купон на {amount} отправим, когда посылка прибудет в магазин, — ожидайте его до {date}.',
  'expect.coupon.inspected':
    'Купон на {amount} отправим, когда магазин проверит товары, — ожидайте его до {date}.',
  'expect.coupon.released': 'Купон на {amount} уже в пути — ожидайте его до {date}.',
  'expect.replacement.approval': 'Замену отправим после одобрения заявки — ожидайте её до {date}.',
  'expect.replacement.first_scan':
    'Замену отправим, когда перевозчик впервые отсканирует вашу посылку, — ожидайте её до {date}.',
  'expect.replacement.released': 'Замена уже отправляется — ожидайте её до {date}.',
  'expect.replacement.issued': 'Замена уже в пути — ожидайте её до {date}.',
  'case-refund-declined.subject': 'О возврате денег по заявке {case}',
  'case-refund-declined.heading': 'Мы не можем вернуть деньги за этот возврат',
  'case-refund-declined.body':
    '{shop} проверил товары по вашей заявке {case} к заказу {order} и не может вернуть за них деньги.',
  'case-refund-declined.reason': 'Почему',

  'resolution-failed.subject.refund': 'Возврат денег по заявке {case} не прошёл',
  'resolution-failed.subject.store_credit': 'Не удалось начислить баланс по заявке {case}',
  'resolution-failed.subject.coupon': 'Не удалось создать промокод по заявке {case}',
  'resolution-failed.subject.return_label': 'Пока не удалось создать этикетку для возврата по заявке {case}',
  'resolution-failed.subject.replacement': 'Пока не удалось отправить замену по заявке {case}',
  'resolution-failed.heading': 'Что-то пошло не так, мы уже разбираемся',
  'resolution-failed.body.refund':
    'Возврат денег по вашей заявке {case} (заказ {order}) не прошёл, поэтому деньги к вам не поступили.',
  'resolution-failed.body.store_credit':
    'Нам не удалось автоматически начислить баланс в магазине по вашей заявке {case} (заказ {order}).',
  'resolution-failed.body.coupon':
    'Нам не удалось автоматически создать промокод по вашей заявке {case} (заказ {order}).',
  'resolution-failed.body.return_label':
    'Нам пока не удалось создать этикетку для возврата по вашей заявке {case} (заказ {order}), поэтому отправить посылку обратно сейчас не получится. Пожалуйста, сохраните товары, пока этикетка не придёт.',
  'resolution-failed.body.replacement':
    'Нам пока не удалось отправить замену по вашей заявке {case} (заказ {order}).',
  'resolution-failed.next':
    '{shop} уже знает об этом и свяжется с вами, чтобы всё исправить. Вам ничего делать не нужно.',

  'case-label.subject': 'Этикетка для возврата по обращению {case}',
  'case-label.heading': 'Этикетка для возврата готова',
  'case-label.body':
    '{shop} подготовил этикетку для возврата по обращению {case} (заказ {order}). Упакуйте товары и отправьте их обратно.',
  'case-label.how': 'Как отправить посылку',
  'case-label.print':
    'Распечатайте этикетку, наклейте её на посылку так, чтобы штрихкод лежал ровно, и сдайте посылку в любой пункт приёма {carrier}.',
  'case-label.qr':
    'Принтер не нужен: покажите QR-код со страницы обращения в пункте приёма {carrier}, и этикетку распечатают там.',
  'case-label.printInstead': 'Можно и распечатать этикетку самостоятельно и наклеить её на посылку.',
  'case-label.qrToo': 'Нет принтера? Покажите в пункте приёма QR-код со страницы обращения.',
  'case-label.openQr': 'Показать QR-код',
  'case-label.openLabel': 'Открыть этикетку',
  'case-label.downloadPdf': 'Скачать этикетку (PDF)',
  'case-label.after': 'Следить за посылкой можно на странице обращения. Мы сообщим, когда она придёт.',

  'case-replacement.subject': 'Замена по обращению {case} уже в пути',
  'case-replacement.heading': 'Замена уже в пути',
  'case-replacement.body':
    '{shop} отправил замену по вашему обращению {case} (заказ {order}). Следите за посылкой на сайте перевозчика или на странице заказа.',

  'shipped.subject': 'Заказ {order} в пути',
  'shipped.heading': 'Ваш заказ в пути',
  'shipped.body': 'Посылка по заказу {order} передана перевозчику {carrier}.',
  'out-for-delivery.subject': 'Посылка по заказу {order} приедет сегодня',
  'out-for-delivery.heading': 'Доставка сегодня',
  'out-for-delivery.body': '{carrier} доставляет вашу посылку по заказу {order} сегодня.',
  'delivered.subject': 'Заказ {order} доставлен',
  'delivered.heading': 'Посылка доставлена',
  'delivered.body': '{carrier} доставил вашу посылку {date}.',
  'delivered.bodyNoDate': '{carrier} доставил вашу посылку.',
  'delivered.notFound':
    'Не можете найти? Спросите соседей и посмотрите у двери; если посылки всё ещё нет, сообщите нам со страницы заказа.',
  'failed-attempt.subject': 'Не удалось доставить заказ {order}',
  'failed-attempt.heading': '{carrier} не смог доставить посылку',
  'failed-attempt.body': 'Курьер приезжал, но никого не было, чтобы получить посылку.',
  'failed-attempt.todo': 'Что делать',
  'failed-attempt.action':
    'Обычно {carrier} пробует снова на следующий рабочий день. На сайте {carrier} можно выбрать другой день или пункт выдачи.',
  'delay.subject': 'Посылка по заказу {order} задерживается',
  'delay.heading': 'Посылка задерживается',
  'delay.reason.predicted_late':
    'Посылки {carrier} по этому маршруту сейчас идут дольше обычного, поэтому ваша, скорее всего, придёт позже обещанной даты.',
  'delay.reason.eta_revised': '{carrier} перенёс дату доставки.',
  'delay.reason.eta_passed': 'Обещанная дата прошла, а посылка ещё не доставлена.',
  'delay.reason.no_scan': '{carrier} дольше обычного не отмечал посылку.',
  'delay.reason.not_picked_up': '{carrier} ещё не забрал посылку.',
  'delay.reason.other': '{carrier} везёт посылку дольше, чем ожидалось.',
  'delay.newDate': 'Новая ожидаемая дата доставки: {date}.',
  'delay.noNewDate': 'Перевозчик пока не назвал новую дату. Мы напишем, как только она появится.',
  'delay.wasDue': 'Её ожидали {date}.',
  'delay.remedies': 'Выберите, что вам удобнее:',
  'remedy.wait': 'Подожду до новой даты',
  'remedy.reship': 'Отправить посылку заново',
  'remedy.refund': 'Вернуть деньги',
  'remedy.coupon': 'Скидку на следующий заказ',
  'exception.subject': 'Нужны действия по посылке (заказ {order})',
  'exception.address.heading': 'Проблема с адресом доставки',
  'exception.address.action':
    'Ответьте на это письмо, указав правильный адрес, и мы решим вопрос с {carrier}.',
  'exception.customs.heading': 'Посылка задержана на таможне',
  'exception.customs.action':
    'Обычно это занимает 1–3 рабочих дня. Если таможне что-то понадобится от вас, {carrier} свяжется с вами.',
  'exception.damaged.heading': 'Посылка повреждена в пути',
  'exception.damaged.action':
    '{shop} заменит товар или вернёт деньги. Ответьте на это письмо, и мы всё организуем.',
  'exception.weather.heading': 'Посылка задерживается из-за погоды',
  'exception.weather.action': 'Ничего делать не нужно: доставка продолжится, как только это будет безопасно.',
  'exception.other.heading': 'С доставкой возникла проблема',
  'exception.other.action':
    'Мы следим за посылкой. Если вопрос скоро не решится, ответьте на это письмо — поможем.',
  'exception.todo': 'Что нужно',
  'returned-to-sender.subject': 'Посылка по заказу {order} возвращается в {shop}',
  'returned-to-sender.heading': 'Посылка возвращается в {shop}',
  'returned-to-sender.body':
    '{carrier} не смог её доставить и возвращает в {shop}. Мы свяжемся с вами насчёт замены или возврата денег.',
}
