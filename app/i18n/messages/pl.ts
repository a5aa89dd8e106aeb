import type { Messages } from './en'
import { casesPl } from './cases.pl'
import { noticesPl } from './notices.pl'

export const pl: Messages = {
  ...casesPl,
  ...noticesPl,
  'meta.title.lookup': 'Śledź zamówienie',
  'meta.title.order': 'Zamówienie {number}',
  'meta.title.help': 'Jak działa śledzenie',
  'nav.language': 'Język',
  'nav.skip': 'Przejdź do treści',
  'footer.poweredBy': 'Śledzenie zamówień: Homebound',
  'footer.help': 'Jak działa śledzenie',

  'lookup.heading': 'Śledź zamówienie',
  'lookup.intro': 'Podaj numer zamówienia i adres e-mail użyty przy zakupie.',
  'lookup.orderNumber': 'Numer zamówienia',
  'lookup.orderNumberHint': 'Znajdziesz go w e-mailu z potwierdzeniem zamówienia, np. #1001.',
  'lookup.email': 'Adres e-mail',
  'lookup.usePostalCode': 'Nie masz dostępu do tej skrzynki? Użyj kodu pocztowego',
  'lookup.postalCode': 'Kod pocztowy adresu dostawy',
  'lookup.postalCodeHint': 'Kod pocztowy adresu, pod który jedzie zamówienie.',
  'lookup.submit': 'Znajdź zamówienie',
  'lookup.continue': 'Przejdź do zamówienia {number}',
  'lookup.error.notFound':
    'Nie znaleźliśmy zamówienia o tych danych. Sprawdź numer zamówienia oraz e-mail lub kod pocztowy z e-maila z potwierdzeniem.',
  'lookup.error.orderNumberRequired': 'Podaj numer zamówienia.',
  'lookup.error.orderNumberFormat': 'Podaj numer zamówienia cyframi, np. #1001.',
  'lookup.error.emailFormat': 'Podaj poprawny adres e-mail, np. imie@example.com.',
  'lookup.error.postalCodeFormat':
    'Kod pocztowy może zawierać tylko litery i cyfry, np. 00-950 lub SW1A 1AA.',
  'lookup.error.contactRequired':
    'Podaj adres e-mail użyty przy zamówieniu albo kod pocztowy adresu dostawy.',
  'lookup.error.unexpectedField': 'Formularz wysłał nieznane pole. Odśwież stronę i spróbuj ponownie.',
  'lookup.error.badToken': 'Ten link wygasł lub jest nieprawidłowy. Wyszukaj zamówienie ponownie poniżej.',
  'lookup.error.formProblem': 'Popraw zaznaczone pole.',
  'ratelimit.heading': 'Zbyt wiele prób',
  'ratelimit.body':
    'Dla ochrony zamówień po kilku nieudanych próbach wyszukiwanie jest na chwilę wstrzymane. Spróbuj ponownie {in} (po {time}).',
  'ratelimit.back': 'Wróć do wyszukiwania zamówienia',

  'order.heading': 'Zamówienie {number}',
  'order.placed': 'Złożone {date}',
  'order.shipTo': 'Dostawa do: {place}',
  'order.parcels': {
    one: '{count} paczka',
    few: '{count} paczki',
    many: '{count} paczek',
    other: '{count} paczki',
  },
  'order.summary.allDelivered': 'Wszystko z tego zamówienia zostało dostarczone.',
  'order.summary.onTheWay': 'Twoje zamówienie jest w drodze.',
  'order.summary.attention': 'Co najmniej jedna paczka wymaga Twojej uwagi.',
  'order.summary.notShipped': 'Zamówienie nie zostało jeszcze wysłane. Napiszemy, gdy tylko wyruszy.',
  'order.help': 'Pytania o to zamówienie? Napisz na {email}.',
  'order.lookupAnother': 'Śledź inne zamówienie',

  'parcel.replacementFor': 'Wymiana do zgłoszenia {case}',
  'parcel.heading': 'Paczka {index} z {total}',
  'parcel.headingSingle': 'Twoja paczka',
  'parcel.via': 'Przewoźnik: {carrier}',
  'parcel.trackingNumber': 'Numer przesyłki',
  'parcel.carrierLink': 'Otwórz na stronie {carrier}',
  'parcel.carrierLinkNewTab': '(otwiera się w nowej karcie)',
  'parcel.eta': 'Przewidywana dostawa',
  'parcel.etaPassed': 'Planowana na',
  'parcel.etaOriginal': 'pierwotnie {date}',
  'parcel.etaUnknown': 'Przewoźnik nie podał jeszcze daty dostawy.',
  'parcel.deliveredOn': 'Dostarczono {date} o {time}',
  'parcel.lastUpdate': 'Ostatnia aktualizacja: {dateTime}',
  'parcel.items': 'W tej paczce',
  'parcel.quantity': 'Ilość: {count}',
  'parcel.history': 'Historia przesyłki',
  'parcel.historyZone': 'Godziny w strefie czasowej {zone}.',
  'parcel.noEvents': 'Brak skanów. Przewoźnik zeskanuje paczkę, gdy ją odbierze.',
  'parcel.originalText': 'Przewoźnik: „{text}”',

  'steps.label': 'Postęp dostawy',
  'steps.label_created': 'Etykieta utworzona',
  'steps.in_transit': 'W drodze',
  'steps.out_for_delivery': 'Wydana do doręczenia',
  'steps.delivered': 'Dostarczona',
  'steps.returning': 'Wraca do nadawcy',
  'steps.done': 'zakończono',
  'steps.current': 'bieżący etap',
  'steps.todo': 'jeszcze nie',

  'status.pre_transit': 'Etykieta utworzona, czeka na odbiór przez przewoźnika',
  'status.in_transit': 'W drodze',
  'status.out_for_delivery': 'Kurier doręczy dzisiaj',
  'status.available_for_pickup': 'Czeka na odbiór w punkcie',
  'status.delivered': 'Dostarczona',
  'status.failed_attempt': 'Nieudana próba doręczenia',
  'status.exception': 'Problem z dostawą',
  'status.returned_to_sender': 'Zwrócona do nadawcy',
  'status.lost': 'Zagubiona przez przewoźnika',
  'status.unknown': 'Aktualizacja statusu',
  'exception.address': 'Problem z adresem',
  'exception.customs': 'Zatrzymana w urzędzie celnym',
  'exception.damaged': 'Uszkodzona w transporcie',
  'exception.weather': 'Opóźnienie z powodu pogody',
  'exception.other': 'Problem u przewoźnika',

  'unshipped.heading': 'Jeszcze niewysłane',
  'prefs.title': 'Ustawienia wiadomości',
  'prefs.intro': 'Wybierz, jakie wiadomości {shop} wysyła na adres {email}.',
  'prefs.deliveryUpdates': 'Wysyłaj mi informacje o dostawie',
  'prefs.deliveryHint': 'Gdy paczka zostanie wysłana, wyjedzie do doręczenia, dotrze lub pojawi się problem.',
  'prefs.always':
    'Wiadomości o rozpoczętych przez Ciebie zwrotach i reklamacjach oraz o zwrotach pieniędzy są wysyłane zawsze.',
  'prefs.save': 'Zapisz ustawienia',
  'prefs.saved': 'Zapisano. Informacje o dostawie są teraz {state}.',
  'prefs.on': 'włączone',
  'prefs.off': 'wyłączone',
  'prefs.badLink': 'Ten link jest nieprawidłowy. Użyj linku z jednej z naszych wiadomości.',
  'unshipped.body': 'Te produkty nie zostały jeszcze wysłane. Gdy wyruszą, wyślemy Ci link do śledzenia.',

  'delay.eta_revised.title': 'Paczka się spóźnia',
  'delay.eta_revised.body':
    '{carrier} planuje teraz doręczenie {newDate}, a nie {expectedBy}, jak zakładano.',
  'delay.eta_revised.next':
    'Nie musisz nic robić. Pilnujemy paczki i napiszemy, jeśli termin znów się zmieni.',
  'delay.eta_passed.title': 'Paczka jest spóźniona',
  'delay.eta_passed.body':
    'Miała dotrzeć do {expectedBy} i jeszcze jej nie ma. {carrier} nie podał nowej daty.',
  'delay.eta_passed.next': 'Pilnujemy paczki i napiszemy, gdy tylko przewoźnik poda nowy termin.',
  'delay.no_scan.title': 'Paczka nie porusza się od {silentSince}',
  'delay.no_scan.body': 'Ostatni skan: {silentSinceTime}. To dłużej niż zwykle w przypadku {carrier}.',
  'delay.no_scan.next':
    'Napiszemy, gdy tylko paczka ruszy. Jeśli do {escalatesAt} nadal nie będzie wieści, {shop} uzna ją za zagubioną i wyśle nową lub zwróci pieniądze.',
  'delay.not_picked_up.title': 'Czekamy, aż {carrier} odbierze paczkę',
  'delay.not_picked_up.body':
    'Etykieta została utworzona {silentSinceTime}, ale {carrier} jeszcze nie zeskanował paczki.',
  'delay.not_picked_up.next':
    'Napiszemy, gdy paczka wyruszy. Jeśli nie ruszy do {escalatesAt}, {shop} wyśle nową lub zwróci pieniądze.',
  'delay.failed_attempt.title': '{carrier} nie doręczył paczki',
  'delay.failed_attempt.body': 'Próba doręczenia odbyła się {lastScan}, ale nikogo nie było na miejscu.',
  'delay.failed_attempt.next':
    'Zwykle kolejna próba jest w następnym dniu roboczym. Możesz też wybrać inny dzień lub punkt odbioru na stronie {carrier}.',
  'delay.exception.address.title': 'Problem z adresem dostawy',
  'delay.exception.address.body': '{carrier} nie mógł doręczyć paczki pod adres z zamówienia.',
  'delay.exception.address.next':
    'Odpowiedz na e-mail z zamówieniem lub napisz na {email}, podając poprawny adres, a załatwimy to z {carrier}.',
  'delay.exception.customs.title': 'Paczka jest w odprawie celnej',
  'delay.exception.customs.body': 'Urząd celny sprawdza paczkę, zanim pojedzie dalej.',
  'delay.exception.customs.next':
    'Zwykle trwa to 1–3 dni robocze. Jeśli urząd będzie czegoś od Ciebie potrzebował, {carrier} się z Tobą skontaktuje.',
  'delay.exception.damaged.title': 'Paczka została uszkodzona w transporcie',
  'delay.exception.damaged.body': '{carrier} zgłosił uszkodzenie paczki.',
  'delay.exception.damaged.next':
    '{shop} to naprawi: wyśle nową paczkę lub zwróci pieniądze. Napisz na {email}, a wszystko załatwimy.',
  'delay.exception.weather.title': 'Paczka jest opóźniona przez pogodę',
  'delay.exception.weather.body': '{carrier} wstrzymał doręczenia w regionie ze względów bezpieczeństwa.',
  'delay.exception.weather.next':
    'Paczka ruszy, gdy tylko będzie to bezpieczne. Napiszemy, gdy się przemieści.',
  'delay.exception.other.title': 'Problem z dostawą',
  'delay.exception.other.body': '{carrier} zgłosił problem z paczką.',
  'delay.exception.other.next':
    'Obserwujemy sytuację. Jeśli wkrótce się nie wyjaśni, napisz na {email}, a pomożemy.',
  'delay.returned_to_sender.title': 'Paczka wraca do {shop}',
  'delay.returned_to_sender.body': '{carrier} nie mógł jej doręczyć i odsyła ją do nas.',
  'delay.returned_to_sender.next':
    'Gdy do nas dotrze, skontaktujemy się, aby wysłać ją ponownie lub zwrócić pieniądze. Napisz na {email}, jeśli wolisz jedno z nich.',
  'delay.lost.title': 'Wygląda na to, że paczka zaginęła',
  'delay.lost.body': '{carrier} nie ma o niej wieści od {silentSince}.',
  'delay.lost.next':
    '{shop} wyśle nową paczkę lub zwróci pieniądze. Napisz na {email}, a od razu to załatwimy.',
  'delay.newDate': 'Nowa przewidywana data dostawy: {date}',

  'error.notFound.title': 'Nie znaleziono strony',
  'error.notFound.body': 'Pod tym adresem nie ma strony. Jeśli link pochodzi z e-maila, mógł zostać ucięty.',
  'error.server.title': 'Przepraszamy, coś poszło nie tak',
  'error.server.body': 'Wystąpił błąd po naszej stronie. Spróbuj ponownie za chwilę.',
  'error.request.title': 'Nie udało się wykonać żądania',
  'error.request.body': 'Wróć i spróbuj ponownie.',
  'error.back': 'Przejdź do śledzenia zamówienia',

  'help.heading': 'Jak działa śledzenie',
  'help.p1':
    'Podaj numer zamówienia i adres e-mail na stronie śledzenia, aby zobaczyć wszystkie paczki z zamówienia, gdzie są teraz i kiedy powinny dotrzeć.',
  'help.p2':
    'Regularnie sprawdzamy dane u przewoźnika. Jeśli paczka się spóźnia, przestała się poruszać albo pojawił się problem, strona zamówienia od razu to pokaże: co będzie dalej i nową datę, jeśli przewoźnik ją podał.',
  'help.p3':
    'Godziny są pokazane w Twojej strefie czasowej. Linki w naszych e-mailach otwierają zamówienie bezpośrednio; dla Twojej prywatności po pewnym czasie wygasają.',
  'help.back': 'Śledź zamówienie',
}
