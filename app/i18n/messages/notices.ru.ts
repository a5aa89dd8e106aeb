import type { NoticesMessages } from './notices'

export const noticesRu: NoticesMessages = {
  'delay.predicted_late.title': 'Посылка, скорее всего, задержится',
  'delay.predicted_late.body':
    'Посылки {carrier} по этому маршруту сейчас идут дольше обычного, поэтому ваша, вероятно, придёт позже {expectedBy}.',
  'delay.predicted_late.next':
    'Пока ничего делать не нужно: мы следим за ней и напишем, если срок сдвинется ещё.',
  'remedy.wait': 'Подождать до новой даты',
  'remedy.wait.hint': 'Ничего не меняется, мы продолжаем следить за посылкой.',
  'noticeRemedy.title': 'Ваш выбор по заказу {number}',
  'noticeRemedy.parcel': 'Посылка {carrier}, трек-номер {tracking}',
  'noticeRemedy.level.on_time': 'Посылка в пути и приходит вовремя.',
  'noticeRemedy.level.at_risk': 'Посылка может прийти позже, чем планировалось.',
  'noticeRemedy.level.late': 'Посылка опаздывает.',
  'noticeRemedy.level.stalled': 'Посылка не двигается дольше обычного.',
  'noticeRemedy.level.exception': 'Перевозчик сообщил о проблеме с посылкой.',
  'noticeRemedy.level.lost': 'Похоже, посылка потерялась.',
  'noticeRemedy.newDate': 'Новая ожидаемая дата доставки: {date}.',
  'noticeRemedy.noNewDate': 'Перевозчик пока не назвал новую дату.',
  'noticeRemedy.wasDue': 'Её ожидали к {date}.',
  'noticeRemedy.chosen': 'Вы выбрали: {remedy}',
  'noticeRemedy.amount': 'Сумма: {amount}',
  'noticeRemedy.caseNote':
    'После подтверждения мы откроем заявку для нашей команды; следить за ней можно на странице заказа.',
  'noticeRemedy.confirm': 'Подтвердить',
  'noticeRemedy.confirmWait': 'Да, подожду',
  'noticeRemedy.notOffered':
    'Сейчас этот вариант для посылки недоступен (например, она снова в пути или уже доставлена).',
  'noticeRemedy.reportProblem': 'Сообщить о проблеме с заказом',
  'noticeRemedy.waitThanks': 'Спасибо за терпение. Мы следим за посылкой и напишем, если что-то изменится.',
}
