import type { NoticesMessages } from './notices'

export const noticesPl: NoticesMessages = {
  'delay.predicted_late.title': 'Paczka prawdopodobnie się spóźni',
  'delay.predicted_late.body':
    'Paczki {carrier} na tej trasie idą ostatnio dłużej niż zwykle, więc Twoja prawdopodobnie dotrze po {expectedBy}.',
  'delay.predicted_late.next':
    'Na razie nic nie musisz robić: obserwujemy ją i napiszemy, jeśli termin się przesunie.',
  'remedy.wait': 'Poczekać do nowej daty',
  'remedy.wait.hint': 'Nic się nie zmienia, dalej pilnujemy paczki.',
  'noticeRemedy.title': 'Twój wybór dla zamówienia {number}',
  'noticeRemedy.parcel': 'Paczka {carrier}, numer przesyłki {tracking}',
  'noticeRemedy.level.on_time': 'Paczka jest w drodze i dotrze na czas.',
  'noticeRemedy.level.at_risk': 'Paczka może dotrzeć później, niż planowano.',
  'noticeRemedy.level.late': 'Paczka jest spóźniona.',
  'noticeRemedy.level.stalled': 'Paczka nie przemieszcza się dłużej niż zwykle.',
  'noticeRemedy.level.exception': 'Przewoźnik zgłosił problem z paczką.',
  'noticeRemedy.level.lost': 'Wygląda na to, że paczka zaginęła.',
  'noticeRemedy.newDate': 'Nowa przewidywana dostawa: {date}.',
  'noticeRemedy.noNewDate': 'Przewoźnik nie podał jeszcze nowej daty.',
  'noticeRemedy.wasDue': 'Miała dotrzeć do {date}.',
  'noticeRemedy.chosen': 'Twój wybór: {remedy}',
  'noticeRemedy.amount': 'Kwota: {amount}',
  'noticeRemedy.caseNote':
    'Po potwierdzeniu otworzymy zgłoszenie dla naszego zespołu; możesz je śledzić na stronie zamówienia.',
  'noticeRemedy.confirm': 'Potwierdź',
  'noticeRemedy.confirmWait': 'Tak, poczekam',
  'noticeRemedy.notOffered':
    'Ta opcja nie jest teraz dostępna dla tej paczki (na przykład znów jest w drodze albo została doręczona).',
  'noticeRemedy.reportProblem': 'Zgłoś problem z zamówieniem',
  'noticeRemedy.waitThanks': 'Dziękujemy za cierpliwość. Pilnujemy paczki i napiszemy, jeśli coś się zmieni.',
}
