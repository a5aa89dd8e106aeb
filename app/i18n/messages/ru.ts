import type { Messages } from './en'
import { casesRu } from './cases.ru'
import { noticesRu } from './notices.ru'

export const ru: Messages = {
  ...casesRu,
  ...noticesRu,
  'meta.title.lookup': 'Отследить заказ',
  'meta.title.order': 'Заказ {number}',
  'meta.title.help': 'Как работает отслеживание',
  'nav.language': 'Язык',
  'nav.skip': 'Перейти к содержимому',
  'footer.poweredBy': 'Отслеживание заказов — Homebound',
  'footer.help': 'Как работает отслеживание',

  'lookup.heading': 'Отследить заказ',
  'lookup.intro': 'Введите номер заказа и адрес электронной почты, указанный при покупке.',
  'lookup.orderNumber': 'Номер заказа',
  'lookup.orderNumberHint': 'Он есть в письме с подтверждением заказа, например #1001.',
  'lookup.email': 'Электронная почта',
  'lookup.usePostalCode': 'Нет доступа к почте? Укажите почтовый индекс',
  'lookup.postalCode': 'Индекс адреса доставки',
  'lookup.postalCodeHint': 'Почтовый индекс адреса, куда едет заказ.',
  'lookup.submit': 'Найти заказ',
  'lookup.continue': 'Перейти к заказу {number}',
  'lookup.error.notFound':
    'Заказ с такими данными не найден. Проверьте номер заказа и адрес почты или индекс из письма с подтверждением.',
  'lookup.error.orderNumberRequired': 'Введите номер заказа.',
  'lookup.error.orderNumberFormat': 'Введите номер заказа цифрами, например #1001.',
  'lookup.error.emailFormat': 'Введите корректный адрес почты, например name@example.com.',
  'lookup.error.postalCodeFormat': 'Индекс может содержать только буквы и цифры, например 101000 или 00-950.',
  'lookup.error.contactRequired': 'Введите адрес почты, указанный при заказе, или индекс адреса доставки.',
  'lookup.error.unexpectedField': 'Форма отправила неизвестное поле. Обновите страницу и попробуйте снова.',
  'lookup.error.badToken': 'Ссылка устарела или недействительна. Найдите заказ ещё раз ниже.',
  'lookup.error.formProblem': 'Исправьте отмеченное поле.',
  'ratelimit.heading': 'Слишком много попыток',
  'ratelimit.body':
    'Чтобы защитить заказы, после нескольких неудачных попыток поиск ненадолго приостанавливается. Попробуйте снова {in} (после {time}).',
  'ratelimit.back': 'Вернуться к поиску заказа',

  'order.heading': 'Заказ {number}',
  'order.placed': 'Оформлен {date}',
  'order.shipTo': 'Доставка: {place}',
  'order.parcels': {
    one: '{count} посылка',
    few: '{count} посылки',
    many: '{count} посылок',
    other: '{count} посылки',
  },
  'order.summary.allDelivered': 'Всё из этого заказа доставлено.',
  'order.summary.onTheWay': 'Ваш заказ в пути.',
  'order.summary.attention': 'Одна или несколько посылок требуют вашего внимания.',
  'order.summary.notShipped': 'Заказ ещё не отправлен. Мы напишем вам, как только он будет в пути.',
  'order.help': 'Вопросы по заказу? Пишите на {email}.',
  'order.lookupAnother': 'Отследить другой заказ',

  'parcel.replacementFor': 'Замена по обращению {case}',
  'parcel.heading': 'Посылка {index} из {total}',
  'parcel.headingSingle': 'Ваша посылка',
  'parcel.via': 'Перевозчик: {carrier}',
  'parcel.trackingNumber': 'Трек-номер',
  'parcel.carrierLink': 'Открыть на сайте {carrier}',
  'parcel.carrierLinkNewTab': '(откроется в новой вкладке)',
  'parcel.eta': 'Ожидаемая доставка',
  'parcel.etaPassed': 'Ожидалась',
  'parcel.etaOriginal': 'изначально {date}',
  'parcel.etaUnknown': 'Перевозчик пока не сообщил дату доставки.',
  'parcel.deliveredOn': 'Доставлено {date} в {time}',
  'parcel.lastUpdate': 'Последнее обновление: {dateTime}',
  'parcel.items': 'В этой посылке',
  'parcel.quantity': 'Количество: {count}',
  'parcel.history': 'История отслеживания',
  'parcel.historyZone': 'Время указано в часовом поясе {zone}.',
  'parcel.noEvents': 'Сканирований пока нет. Перевозчик отсканирует посылку, когда заберёт её.',
  'parcel.originalText': 'Перевозчик: «{text}»',

  'steps.label': 'Ход доставки',
  'steps.label_created': 'Этикетка создана',
  'steps.in_transit': 'В пути',
  'steps.out_for_delivery': 'Передано курьеру',
  'steps.delivered': 'Доставлено',
  'steps.returning': 'Возвращается отправителю',
  'steps.done': 'выполнено',
  'steps.current': 'текущий этап',
  'steps.todo': 'ещё не выполнено',

  'status.pre_transit': 'Этикетка создана, ждём, когда перевозчик заберёт посылку',
  'status.in_transit': 'В пути',
  'status.out_for_delivery': 'Курьер доставит сегодня',
  'status.available_for_pickup': 'Ждёт вас в пункте выдачи',
  'status.delivered': 'Доставлено',
  'status.failed_attempt': 'Не удалось вручить',
  'status.exception': 'Проблема с доставкой',
  'status.returned_to_sender': 'Возвращено отправителю',
  'status.lost': 'Утеряно перевозчиком',
  'status.unknown': 'Обновление статуса',
  'exception.address': 'Проблема с адресом',
  'exception.customs': 'Задержано на таможне',
  'exception.damaged': 'Повреждено при перевозке',
  'exception.weather': 'Задержка из-за погоды',
  'exception.other': 'Проблема у перевозчика',

  'unshipped.heading': 'Ещё не отправлено',
  'prefs.title': 'Настройки писем',
  'prefs.intro': 'Выберите, какие письма {shop} отправляет на {email}.',
  'prefs.deliveryUpdates': 'Присылать письма о доставке',
  'prefs.deliveryHint': 'Когда посылка отправлена, передана курьеру, доставлена или возникла проблема.',
  'prefs.always':
    'Письма о начатых вами возвратах и жалобах, а также о возврате денег или начислениях отправляются всегда.',
  'prefs.save': 'Сохранить',
  'prefs.saved': 'Сохранено. Письма о доставке теперь {state}.',
  'prefs.on': 'включены',
  'prefs.off': 'выключены',
  'prefs.badLink': 'Эта ссылка недействительна. Воспользуйтесь ссылкой из нашего письма.',
  'unshipped.body':
    'Эти товары ещё не отправлены. Мы пришлём ссылку для отслеживания, когда они будут в пути.',

  'delay.eta_revised.title': 'Посылка задерживается',
  'delay.eta_revised.body':
    '{carrier} теперь планирует доставить её {newDate}, а не {expectedBy}, как планировалось.',
  'delay.eta_revised.next':
    'Делать ничего не нужно. Мы следим за посылкой и напишем, если дата снова изменится.',
  'delay.eta_passed.title': 'Посылка опаздывает',
  'delay.eta_passed.body':
    'Её ждали до {expectedBy}, но она ещё не пришла. {carrier} пока не назвал новую дату.',
  'delay.eta_passed.next': 'Мы следим за посылкой и напишем, как только перевозчик назовёт новую дату.',
  'delay.no_scan.title': 'Посылка не движется с {silentSince}',
  'delay.no_scan.body': 'Последнее сканирование было {silentSinceTime}. Для {carrier} это дольше обычного.',
  'delay.no_scan.next':
    'Мы напишем, как только посылка сдвинется с места. Если новостей не будет до {escalatesAt}, {shop} признает её утерянной и отправит замену или вернёт деньги.',
  'delay.not_picked_up.title': 'Ждём, когда {carrier} заберёт посылку',
  'delay.not_picked_up.body': 'Этикетка создана {silentSinceTime}, но {carrier} ещё не отсканировал посылку.',
  'delay.not_picked_up.next':
    'Мы напишем, когда посылка будет в пути. Если она не сдвинется до {escalatesAt}, {shop} отправит замену или вернёт деньги.',
  'delay.failed_attempt.title': '{carrier} не смог вручить посылку',
  'delay.failed_attempt.body': 'Попытка доставки была {lastScan}, но никого не оказалось на месте.',
  'delay.failed_attempt.next':
    'Обычно повторная попытка — в следующий рабочий день. Вы также можете выбрать другой день или пункт выдачи на сайте {carrier}.',
  'delay.exception.address.title': 'Проблема с адресом доставки',
  'delay.exception.address.body': '{carrier} не смог доставить посылку по адресу из заказа.',
  'delay.exception.address.next':
    'Ответьте на письмо о заказе или напишите на {email}, указав правильный адрес, и мы решим вопрос с {carrier}.',
  'delay.exception.customs.title': 'Посылка задержана на таможне',
  'delay.exception.customs.body': 'Таможня проверяет посылку, после этого она продолжит путь.',
  'delay.exception.customs.next':
    'Обычно это занимает 1–3 рабочих дня. Если таможне что-то понадобится от вас, {carrier} свяжется с вами.',
  'delay.exception.damaged.title': 'Посылка повреждена при перевозке',
  'delay.exception.damaged.body': '{carrier} сообщил о повреждении посылки.',
  'delay.exception.damaged.next':
    '{shop} всё исправит: отправит замену или вернёт деньги. Напишите на {email}, и мы это организуем.',
  'delay.exception.weather.title': 'Посылка задерживается из-за погоды',
  'delay.exception.weather.body': '{carrier} приостановил доставку в регионе ради безопасности.',
  'delay.exception.weather.next':
    'Доставка продолжится, как только это будет безопасно. Мы напишем, когда посылка сдвинется.',
  'delay.exception.other.title': 'Проблема с доставкой',
  'delay.exception.other.body': '{carrier} сообщил о проблеме с посылкой.',
  'delay.exception.other.next':
    'Мы следим за ситуацией. Если она скоро не разрешится, напишите на {email} — мы поможем.',
  'delay.returned_to_sender.title': 'Посылка возвращается в {shop}',
  'delay.returned_to_sender.body': '{carrier} не смог её вручить и возвращает нам.',
  'delay.returned_to_sender.next':
    'Когда она придёт, мы свяжемся с вами, чтобы отправить её снова или вернуть деньги. Напишите на {email}, если предпочитаете что-то одно.',
  'delay.lost.title': 'Похоже, посылка потеряна',
  'delay.lost.body': 'У {carrier} нет новостей о ней с {silentSince}.',
  'delay.lost.next':
    '{shop} отправит замену или вернёт деньги. Напишите на {email}, и мы сразу всё организуем.',
  'delay.newDate': 'Новая ожидаемая дата доставки: {date}',

  'error.notFound.title': 'Страница не найдена',
  'error.notFound.body':
    'По этому адресу ничего нет. Если вы перешли по ссылке из письма, возможно, она обрезана.',
  'error.server.title': 'Извините, что-то пошло не так',
  'error.server.body': 'У нас произошла ошибка. Попробуйте ещё раз через минуту.',
  'error.request.title': 'Не удалось выполнить запрос',
  'error.request.body': 'Вернитесь назад и попробуйте ещё раз.',
  'error.back': 'Перейти к отслеживанию заказа',

  'help.heading': 'Как работает отслеживание',
  'help.p1':
    'Введите номер заказа и адрес почты на странице отслеживания, чтобы увидеть все посылки заказа, где они сейчас и когда должны прийти.',
  'help.p2':
    'Мы регулярно сверяемся с перевозчиком. Если посылка опаздывает, перестала двигаться или возникла проблема, страница заказа сразу скажет об этом: что будет дальше и новую дату, если перевозчик её назвал.',
  'help.p3':
    'Время указано в вашем часовом поясе. Ссылки в наших письмах открывают заказ сразу; ради вашей приватности они со временем перестают работать.',
  'help.back': 'Отследить заказ',
}
