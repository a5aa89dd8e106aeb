// Polish email texts: the same keys as en.ts.
import type { EmailMessages } from './en'

export const pl: EmailMessages = {
  'common.order': 'Zamówienie {order}',
  'common.case': 'Zgłoszenie {case}',
  'common.caseLabel': 'Zgłoszenie',
  'common.orderLabel': 'Zamówienie',
  'common.items': 'Produkty',
  'common.item': '{title} × {quantity}',
  'common.viewCase': 'Zobacz zgłoszenie',
  'common.viewOrder': 'Śledź zamówienie',
  'common.help': 'Pytania? Odpowiedz na tę wiadomość lub napisz na {email}.',
  'common.helpReply': 'Pytania? Odpowiedz na tę wiadomość.',
  'common.why': 'Otrzymujesz tę wiadomość, ponieważ złożono zamówienie w {shop}.',
  'common.preferences': 'Wyłącz lub włącz wiadomości o dostawie',
  'common.carrier': 'Przewoźnik',
  'common.trackingNumber': 'Numer przesyłki',
  'common.eta': 'Przewidywana dostawa',
  'common.carrierLink': 'Śledź na stronie {carrier}',

  'resolution.label': 'Co otrzymasz',
  'resolution.refund': 'Zwrot pieniędzy na pierwotną metodę płatności',
  'resolution.store_credit': 'Środki w sklepie',
  'resolution.exchange': 'Wymianę',
  'resolution.coupon': 'Kod rabatowy',
  'resolution.reship': 'Ponowna wysyłka bez kosztów',
  'amount.expected': 'Kwota',
  'amount.issued': 'Wypłacono',

  'case-received.subject': 'Otrzymaliśmy zgłoszenie {case} do zamówienia {order}',
  'case-received.heading': 'Otrzymaliśmy Twoje zgłoszenie',
  'case-received.body':
    'Dziękujemy. Zgłoszenie {case} do zamówienia {order} trafiło do naszego zespołu. Napiszemy, gdy tylko je rozpatrzymy.',
  'case-approved.subject': 'Zgłoszenie {case} zostało zaakceptowane',
  'case-approved.heading': 'Zgłoszenie zaakceptowane',
  'case-approved.body':
    '{shop} zaakceptował Twoje zgłoszenie {case}. Kolejne kroki znajdziesz na stronie zgłoszenia.',
  'case-rejected.subject': 'W sprawie zgłoszenia {case}',
  'case-rejected.heading': 'Nie możemy zaakceptować zgłoszenia',
  'case-rejected.body': 'Przykro nam: {shop} nie może zaakceptować zgłoszenia {case} do zamówienia {order}.',
  'case-rejected.reason': 'Powód',
  'case-needs-info.subject': 'Potrzebujemy więcej informacji do zgłoszenia {case}',
  'case-needs-info.heading': 'Potrzebujemy trochę więcej informacji',
  'case-needs-info.body': 'Aby kontynuować zgłoszenie {case}, {shop} potrzebuje Twojej odpowiedzi.',
  'case-needs-info.question': 'Nasze pytanie',
  'case-needs-info.action': 'Odpowiedz na stronie zgłoszenia',
  'case-coupon.subject': 'Twój kod rabatowy do zgłoszenia {case}',
  'case-coupon.heading': 'Oto Twój kod rabatowy',
  'case-coupon.body': '{shop} przesyła Ci kod rabatowy do zgłoszenia {case} (zamówienie {order}).',
  'coupon.code': 'Kod rabatowy',
  'coupon.worth': 'Wartość',
  'coupon.useBy': 'Ważny do',
  'coupon.howTo': 'Wpisz kod przy składaniu zamówienia. Można go użyć tylko raz, do jednego zamówienia.',
  'case-resolved.subject': 'Zgłoszenie {case} zostało zakończone',
  'case-resolved.heading': 'Zgłoszenie zakończone',
  'case-resolved.body': '{shop} zakończył Twoje zgłoszenie {case} do zamówienia {order}.',
  'expect.refund.approval':
    'Zwrot {amount} wyślemy po zatwierdzeniu zgłoszenia — spodziewaj się go do {date}.',
  'expect.refund.first_scan':
    'Zwrot {amount} wyślemy, gdy przewoźnik po raz pierwszy zeskanuje Twoją paczkę — spodziewaj się go do {date}.',
  'expect.refund.delivered':
    'Zwrot {amount} wyślemy, gdy paczka dotrze do sklepu — spodziewaj się go do {date}.',
  'expect.refund.inspected':
    'Zwrot {amount} wyślemy, gdy sklep sprawdzi produkty — spodziewaj się go do {date}.',
  'expect.refund.released': 'Zwrot {amount} jest w drodze — spodziewaj się go do {date}.',
  'expect.refund.issued':
    'Zwrot {amount} został wysłany; banki zwykle księgują go w ciągu pięciu dni roboczych — spodziewaj się go do {date}.',
  'expect.store_credit.approval':
    'Środki w sklepie ({amount}) dodamy po zatwierdzeniu zgłoszenia — spodziewaj się ich do {date}.',
  'expect.store_credit.first_scan':
    'Środki w sklepie ({amount}) dodamy, gdy przewoźnik po raz pierwszy zeskanuje Twoją paczkę — spodziewaj się ich do {date}.',
  'expect.store_credit.delivered':
    'Środki w sklepie ({amount}) dodamy, gdy paczka dotrze do sklepu — spodziewaj się ich do {date}.',
  'expect.store_credit.inspected':
    'Środki w sklepie ({amount}) dodamy, gdy sklep sprawdzi produkty — spodziewaj się ich do {date}.',
  'expect.store_credit.released':
    'Środki w sklepie ({amount}) są właśnie dodawane — spodziewaj się ich do {date}.',
  'expect.coupon.approval':
    'Kupon o wartości {amount} wyślemy po zatwierdzeniu zgłoszenia — spodziewaj się go do {date}.',
  'expect.coupon.first_scan':
    'Kupon o wartości {amount} wyślemy, gdy przewoźnik po raz pierwszy zeskanuje Twoją paczkę — spodziewaj się go do {date}.',
  'expect.coupon.delivered':
    'Kupon o wartości {amount} wyślemy, gdy paczka dotrze do sklepu — spodziewaj się go do {date}.',
  'expect.coupon.inspected':
    'Kupon o wartości {amount} wyślemy, gdy sklep sprawdzi produkty — spodziewaj się go do {date}.',
  'expect.coupon.released': 'Kupon o wartości {amount} jest w drodze — spodziewaj się go do {date}.',
  'expect.replacement.approval':
    'Wymianę wyślemy po zatwierdzeniu zgłoszenia — spodziewaj się jej do {date}.',
  'expect.replacement.first_scan':
    'Wymianę wyślemy, gdy przewoźnik po raz pierwszy zeskanuje Twoją paczkę — spodziewaj się jej do {date}.',
  'expect.replacement.released': 'Wymiana jest właśnie wysyłana — spodziewaj się jej do {date}.',
  'expect.replacement.issued': 'Wymiana jest w drodze — spodziewaj się jej do {date}.',
  'case-refund-declined.subject': 'W sprawie zwrotu pieniędzy za zgłoszenie {case}',
  'case-refund-declined.heading': 'Nie możemy zwrócić pieniędzy za ten zwrot',
  'case-refund-declined.body':
    '{shop} sprawdził produkty z Twojego zgłoszenia {case} do zamówienia {order} i nie może zwrócić za nie pieniędzy.',
  'case-refund-declined.reason': 'Dlaczego',

  'resolution-failed.subject.refund': 'Zwrot pieniędzy do zgłoszenia {case} nie przeszedł',
  'resolution-failed.subject.store_credit': 'Nie udało się dodać środków do zgłoszenia {case}',
  'resolution-failed.subject.coupon': 'Nie udało się utworzyć kuponu do zgłoszenia {case}',
  'resolution-failed.subject.return_label':
    'Nie udało się jeszcze utworzyć etykiety zwrotnej do zgłoszenia {case}',
  'resolution-failed.subject.replacement': 'Nie udało się jeszcze wysłać wymiany do zgłoszenia {case}',
  'resolution-failed.heading': 'Coś poszło nie tak i już się tym zajmujemy',
  'resolution-failed.body.refund':
    'Zwrot pieniędzy do Twojego zgłoszenia {case} (zamówienie {order}) nie przeszedł, więc pieniądze do Ciebie nie dotarły.',
  'resolution-failed.body.store_credit':
    'Nie udało się automatycznie dodać środków w sklepie do Twojego zgłoszenia {case} (zamówienie {order}).',
  'resolution-failed.body.coupon':
    'Nie udało się automatycznie utworzyć kuponu do Twojego zgłoszenia {case} (zamówienie {order}).',
  'resolution-failed.body.return_label':
    'Nie udało się jeszcze utworzyć etykiety zwrotnej do Twojego zgłoszenia {case} (zamówienie {order}), więc na razie nie możesz odesłać paczki. Zachowaj produkty, dopóki nie dostaniesz etykiety.',
  'resolution-failed.body.replacement':
    'Nie udało się jeszcze wysłać wymiany do Twojego zgłoszenia {case} (zamówienie {order}).',
  'resolution-failed.next':
    '{shop} już o tym wie i skontaktuje się z Tobą, aby to naprawić. Nie musisz nic robić.',

  'case-label.subject': 'Etykieta zwrotna do zgłoszenia {case}',
  'case-label.heading': 'Etykieta zwrotna jest gotowa',
  'case-label.body':
    '{shop} przygotował etykietę zwrotną do zgłoszenia {case} (zamówienie {order}). Zapakuj produkty i odeślij je.',
  'case-label.how': 'Jak nadać paczkę',
  'case-label.print':
    'Wydrukuj etykietę, naklej ją na paczkę tak, aby kod kreskowy leżał płasko, i nadaj paczkę w dowolnym punkcie {carrier}.',
  'case-label.qr':
    'Bez drukarki: pokaż kod QR ze strony zgłoszenia w punkcie nadania {carrier}, a etykietę wydrukują na miejscu.',
  'case-label.printInstead': 'Możesz też samodzielnie wydrukować etykietę i nakleić ją na paczkę.',
  'case-label.qrToo': 'Nie masz drukarki? Pokaż w punkcie nadania kod QR ze strony zgłoszenia.',
  'case-label.openQr': 'Pokaż mój kod QR',
  'case-label.openLabel': 'Otwórz etykietę zwrotną',
  'case-label.downloadPdf': 'Pobierz etykietę (PDF)',
  'case-label.after': 'Paczkę możesz śledzić na stronie zgłoszenia. Damy znać, gdy dotrze.',

  'case-replacement.subject': 'Wymiana do zgłoszenia {case} jest w drodze',
  'case-replacement.heading': 'Wymiana jest w drodze',
  'case-replacement.body':
    '{shop} wysłał wymianę do Twojego zgłoszenia {case} (zamówienie {order}). Możesz śledzić przesyłkę u przewoźnika lub na stronie zamówienia.',

  'shipped.subject': 'Zamówienie {order} jest w drodze',
  'shipped.heading': 'Twoje zamówienie jest w drodze',
  'shipped.body': 'Paczka z zamówienia {order} jest już u przewoźnika {carrier}.',
  'out-for-delivery.subject': 'Paczka z zamówienia {order} dotrze dziś',
  'out-for-delivery.heading': 'Doręczenie dzisiaj',
  'out-for-delivery.body': '{carrier} doręcza dziś Twoją paczkę z zamówienia {order}.',
  'delivered.subject': 'Zamówienie {order} zostało doręczone',
  'delivered.heading': 'Paczka doręczona',
  'delivered.body': '{carrier} doręczył Twoją paczkę {date}.',
  'delivered.bodyNoDate': '{carrier} doręczył Twoją paczkę.',
  'delivered.notFound':
    'Nie możesz jej znaleźć? Zapytaj sąsiadów i sprawdź przy drzwiach; jeśli nadal jej brak, daj nam znać ze strony zamówienia.',
  'failed-attempt.subject': 'Nieudana próba doręczenia zamówienia {order}',
  'failed-attempt.heading': '{carrier} nie mógł doręczyć paczki',
  'failed-attempt.body': 'Kurier próbował doręczyć paczkę, ale nikt jej nie odebrał.',
  'failed-attempt.todo': 'Co zrobić',
  'failed-attempt.action':
    '{carrier} zwykle próbuje ponownie następnego dnia roboczego. Na stronie {carrier} możesz też wybrać inny dzień lub punkt odbioru.',
  'delay.subject': 'Paczka z zamówienia {order} jest opóźniona',
  'delay.heading': 'Paczka się spóźnia',
  'delay.reason.predicted_late':
    'Paczki {carrier} na tej trasie idą ostatnio dłużej niż zwykle, więc Twoja prawdopodobnie dotrze po obiecanej dacie.',
  'delay.reason.eta_revised': '{carrier} zmienił datę doręczenia.',
  'delay.reason.eta_passed': 'Podana data minęła, a paczka jeszcze nie dotarła.',
  'delay.reason.no_scan': '{carrier} nie zeskanował paczki dłużej niż zwykle.',
  'delay.reason.not_picked_up': '{carrier} jeszcze nie odebrał paczki.',
  'delay.reason.other': '{carrier} potrzebuje więcej czasu, niż zakładano.',
  'delay.newDate': 'Nowa przewidywana dostawa: {date}.',
  'delay.noNewDate': 'Przewoźnik nie podał jeszcze nowej daty. Napiszemy, gdy to zrobi.',
  'delay.wasDue': 'Miała dotrzeć {date}.',
  'delay.remedies': 'Wybierz, co Ci najbardziej odpowiada:',
  'remedy.wait': 'Poczekam do nowej daty',
  'remedy.reship': 'Wysłanie nowej paczki',
  'remedy.refund': 'Zwrot pieniędzy',
  'remedy.coupon': 'Rabat na kolejne zamówienie',
  'exception.subject': 'Wymagane działanie w sprawie paczki (zamówienie {order})',
  'exception.address.heading': 'Problem z adresem dostawy',
  'exception.address.action':
    'Odpowiedz na tę wiadomość, podając poprawny adres, a wyjaśnimy sprawę z {carrier}.',
  'exception.customs.heading': 'Paczka jest zatrzymana w urzędzie celnym',
  'exception.customs.action':
    'Zwykle trwa to 1–3 dni robocze. Jeśli urząd celny będzie czegoś potrzebował, {carrier} się z Tobą skontaktuje.',
  'exception.damaged.heading': 'Paczka została uszkodzona w transporcie',
  'exception.damaged.action':
    '{shop} wyśle nowy produkt lub zwróci pieniądze. Odpowiedz na tę wiadomość, a wszystko załatwimy.',
  'exception.weather.heading': 'Paczka jest opóźniona przez pogodę',
  'exception.weather.action': 'Nic nie musisz robić: dostawa ruszy, gdy będzie bezpiecznie.',
  'exception.other.heading': 'Wystąpił problem z dostawą',
  'exception.other.action':
    'Obserwujemy paczkę. Jeśli problem szybko się nie rozwiąże, odpowiedz na tę wiadomość.',
  'exception.todo': 'Co jest potrzebne',
  'returned-to-sender.subject': 'Paczka z zamówienia {order} wraca do {shop}',
  'returned-to-sender.heading': 'Paczka wraca do {shop}',
  'returned-to-sender.body':
    '{carrier} nie mógł jej doręczyć i odsyła ją do {shop}. Skontaktujemy się w sprawie wymiany lub zwrotu pieniędzy.',
}
