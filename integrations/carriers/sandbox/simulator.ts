// The sandbox carrier's script for one parcel: every scan it will ever report, with absolute times,
// written in advance from the tracking number and the moment the parcel was handed over. Scans happen in
// the daytime (06:00–21:00 UTC), nobody delivers on a Sunday, a domestic parcel takes 2–4 business
// days and an international one 5–9, and the places and wording follow the carrier's own network and
// vocabulary. The same number and hand-over time always give the same script, so polling the sandbox
// at any moment is just reading the script up to that moment.
import type { CarrierCode } from '#app/domain/tracking/carriers'
import type { ExceptionReason, TrackingEvent, TrackingStatus } from '#app/domain/tracking/status'
import type { CarrierEvent, TrackingSnapshot, TrackRequest } from '#integrations/carriers/carrier'
import {
  hashTrackingNumber,
  scenarioForHash,
  type SandboxScenario,
} from '#integrations/carriers/sandbox/scenarios'

export type PlannedEvent = TrackingEvent

export interface PlanInput {
  carrier: CarrierCode
  trackingNumber: string
  /** When the parcel was handed over; the label-created scan is stamped at this moment. */
  shippedAt: Date
  /**
   * Whether the parcel crosses a border. When omitted it is derived from the tracking number the
   * same way `track()` derives it (see `isSandboxInternational`).
   */
  international?: boolean
}

export interface RevisedEta {
  /** When the carrier announced the new date (the scan that revised it). */
  from: Date
  eta: Date
}

export interface SandboxPlan {
  /** The story actually played; a customs hold needs a border, so a domestic parcel plays it on time. */
  scenario: SandboxScenario
  international: boolean
  /** Chronological, strictly increasing `occurredAt`. */
  events: PlannedEvent[]
  /** The first estimate, given from the label-created scan on: the end of a UTC day. */
  originalEta: Date
  revisedEta?: RevisedEta
}

// ---------------------------------------------------------------------------------------------------
// Time: whole UTC days counted from the epoch, so weekday and business-day arithmetic is integer maths.

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** 0 = Sunday … 6 = Saturday, like Date#getUTCDay (1970-01-01 was a Thursday). */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7
}

function isBusinessDay(day: number): boolean {
  const w = weekday(day)
  return w !== 0 && w !== 6
}

function addBusinessDays(day: number, count: number): number {
  let d = day
  for (let left = count; left > 0;) {
    d++
    if (isBusinessDay(d)) left--
  }
  return d
}

function endOfDay(day: number): Date {
  return new Date((day + 1) * DAY - 1)
}

/** Days strictly between `from` and `to` on which hubs scan: every day but Sunday. */
function hubDaysBetween(from: number, to: number): number[] {
  const days: number[] = []
  for (let d = from + 1; d < to; d++) if (weekday(d) !== 0) days.push(d)
  return days
}

/** mulberry32: tiny, fast and good enough to vary a script; seeded from the tracking-number hash. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function pick<T>(items: readonly T[], rng: () => number): T {
  return items[Math.floor(rng() * items.length)] as T
}

// Different salts keep the script, the border decision and the scenario independent of each other
// even though all three come from the same hash.
const SCRIPT_SALT = 0x5bd1e995
const INTERNATIONAL_SALT = 0x27d4eb2f
const INTERNATIONAL_SHARE = 0.2

function isInternationalHash(hash: number): boolean {
  if (scenarioForHash(hash) === 'exception_customs') return true
  return mulberry32(hash ^ INTERNATIONAL_SALT)() < INTERNATIONAL_SHARE
}

/**
 * Whether the sandbox treats this parcel as international when the caller does not say: every
 * customs-hold parcel, and about a fifth of the others. `TrackRequest` carries no destination, so
 * `track()` relies on this.
 */
export function isSandboxInternational(trackingNumber: string): boolean {
  return isInternationalHash(hashTrackingNumber(trackingNumber))
}

// ---------------------------------------------------------------------------------------------------
// Steps: what can happen to a parcel, how it maps onto the normalized model, and how each carrier
// words it.

type StepKind =
  | 'label_created'
  | 'picked_up'
  | 'departed'
  | 'arrived'
  | 'in_transit'
  | 'export'
  | 'import'
  | 'customs_hold'
  | 'customs_released'
  | 'delay'
  | 'weather'
  | 'at_delivery_station'
  | 'out_for_delivery'
  | 'delivered'
  | 'failed_attempt'
  | 'last_attempt'
  | 'pickup_point'
  | 'address'
  | 'damaged'
  | 'returning'
  | 'returned'
  | 'lost'

const STEP_STATUS: Record<StepKind, readonly [TrackingStatus, ExceptionReason | null]> = {
  label_created: ['pre_transit', null],
  picked_up: ['in_transit', null],
  departed: ['in_transit', null],
  arrived: ['in_transit', null],
  in_transit: ['in_transit', null],
  export: ['in_transit', null],
  import: ['in_transit', null],
  customs_hold: ['exception', 'customs'],
  customs_released: ['in_transit', null],
  // A late trailer only slows the parcel down; carriers report weather as an exception.
  delay: ['in_transit', null],
  weather: ['exception', 'weather'],
  at_delivery_station: ['in_transit', null],
  out_for_delivery: ['out_for_delivery', null],
  delivered: ['delivered', null],
  failed_attempt: ['failed_attempt', null],
  last_attempt: ['failed_attempt', null],
  pickup_point: ['available_for_pickup', null],
  address: ['exception', 'address'],
  damaged: ['exception', 'damaged'],
  returning: ['in_transit', null],
  returned: ['returned_to_sender', null],
  lost: ['lost', null],
}

const DESCRIPTIONS: Record<StepKind, string> = {
  label_created: 'Shipping label created; the carrier has not received the parcel yet.',
  picked_up: 'The parcel was picked up by the carrier.',
  departed: 'The parcel departed the facility.',
  arrived: 'The parcel arrived at the facility.',
  in_transit: 'The parcel is on its way.',
  export: 'The parcel was processed for export and left the origin country.',
  import: 'The parcel arrived in the destination country.',
  customs_hold: 'The parcel is held by customs while clearance is completed.',
  customs_released: 'Customs released the parcel; it continues to the destination.',
  delay: 'Delayed: a late trailer arrival at the hub. The delivery date has been updated.',
  weather: 'Delayed: severe weather at the hub. The delivery date has been updated.',
  at_delivery_station: 'The parcel arrived at the local delivery facility.',
  out_for_delivery: 'The parcel is out for delivery.',
  delivered: 'The parcel was delivered.',
  failed_attempt:
    'Delivery attempted: the recipient was not available. We will try again on the next business day.',
  last_attempt:
    'Final delivery attempt: the recipient was not available. The parcel will be held for collection.',
  pickup_point: 'The parcel is waiting for collection.',
  address: 'The address is incorrect or incomplete; the parcel cannot be delivered until it is corrected.',
  damaged: 'The parcel was damaged in transit and will be returned to the sender.',
  returning: 'The parcel is on its way back to the sender.',
  returned: 'The parcel was returned to the sender.',
  lost: 'Parcel could not be located.',
}

type Vocabulary = Record<StepKind, string>

// UPS: status type or activity code, then UPS's own wording.
const UPS: Vocabulary = {
  label_created: 'M Shipper created a label, UPS has not received the package yet.',
  picked_up: 'P Pickup Scan',
  departed: 'DP Departed from Facility',
  arrived: 'AR Arrived at Facility',
  in_transit: 'I On the Way',
  export: 'EP Export Scan',
  import: 'IP Import Scan',
  customs_hold: 'X Your package is being held for clearance',
  customs_released: 'I Released by Clearing Agency',
  delay: 'I Delay: A late trailer arrival has delayed delivery',
  weather: 'X Severe weather conditions have delayed delivery',
  at_delivery_station: 'DS Destination Scan',
  out_for_delivery: 'OT Out For Delivery Today',
  delivered: 'D Delivered',
  failed_attempt: 'X The receiver was not available for delivery',
  last_attempt: 'X Final attempt made: the receiver was not available',
  pickup_point: 'Z Delivered to UPS Access Point: Awaiting Customer Pickup',
  address: 'X The address is incorrect',
  damaged: 'X Package damaged',
  returning: 'RS Returning to Sender',
  returned: 'RS Returned to Sender',
  lost: 'X Package could not be located',
}

// FedEx: two-letter scan event code, then FedEx's wording.
const FEDEX: Vocabulary = {
  label_created: 'OC Shipment information sent to FedEx',
  picked_up: 'PU Picked up',
  departed: 'DP Departed FedEx location',
  arrived: 'AR Arrived at FedEx location',
  in_transit: 'IT In transit',
  export: 'IX International shipment release - Export',
  import: 'AR At destination sort facility',
  customs_hold: 'CD Clearance delay',
  customs_released: 'CC International shipment release - Import',
  delay: 'DY Delay: Operational delay',
  weather: 'SE Shipment exception: Weather delay',
  at_delivery_station: 'AF At local FedEx facility',
  out_for_delivery: 'OD On FedEx vehicle for delivery',
  delivered: 'DL Delivered',
  failed_attempt: 'DE Delivery exception: Customer not available or business closed',
  last_attempt: 'DE Delivery exception: Final attempt, customer not available',
  pickup_point: 'HL Ready for pickup at FedEx location',
  address: 'DE Delivery exception: Incorrect address',
  damaged: 'SE Shipment exception: Package damaged',
  returning: 'RS Return to shipper',
  returned: 'RS Returned to shipper',
  lost: 'SE Shipment exception: Package could not be located',
}

const USPS: Vocabulary = {
  label_created: 'Shipping Label Created, USPS Awaiting Item',
  picked_up: 'USPS in possession of item',
  departed: 'Departed USPS Regional Facility',
  arrived: 'Arrived at USPS Regional Facility',
  in_transit: 'In Transit to Next Facility',
  export: 'Processed Through ISC, Departed',
  import: 'Arrived at Facility: Inbound into Customs',
  customs_hold: 'Held in Customs',
  customs_released: 'Customs Clearance Processing Complete',
  delay: 'Arriving Late',
  weather: 'Delayed: Severe Weather',
  at_delivery_station: 'Arrived at Post Office',
  out_for_delivery: 'Out for Delivery',
  delivered: 'Delivered, In/At Mailbox',
  failed_attempt: 'Notice Left (No Authorized Recipient Available)',
  last_attempt: 'Notice Left (No Authorized Recipient Available)',
  pickup_point: 'Available for Pickup',
  address: 'Insufficient Address',
  damaged: 'Damaged',
  returning: 'Return to Sender Processed',
  returned: 'Delivered, To Original Sender',
  lost: 'Item Could Not Be Located',
}

const DHL: Vocabulary = {
  label_created: 'Shipment information received',
  picked_up: 'Shipment picked up',
  departed: 'Departed Facility',
  arrived: 'Arrived at Sort Facility',
  in_transit: 'Transferred through',
  export: 'Processed for export; departed origin gateway',
  import: 'Arrived at import gateway',
  customs_hold: 'Clearance event: shipment on hold pending customs clearance',
  customs_released: 'Clearance processing complete',
  delay: 'Shipment delayed: late linehaul arrival',
  weather: 'Shipment delayed: adverse weather conditions',
  at_delivery_station: 'Arrived at Delivery Facility',
  out_for_delivery: 'With delivery courier',
  delivered: 'Delivered',
  failed_attempt: 'Delivery attempted; recipient not home',
  last_attempt: 'Final delivery attempted; recipient not home',
  pickup_point: 'Awaiting collection at DHL Service Point',
  address: 'Incorrect or incomplete address',
  damaged: 'Shipment damaged',
  returning: 'Return to shipper initiated',
  returned: 'Returned to shipper',
  lost: 'Shipment could not be located',
}

const DPD: Vocabulary = {
  label_created: 'DATA_RECEIVED',
  picked_up: 'ACCEPTED',
  departed: 'ON_THE_ROAD',
  arrived: 'AT_HUB',
  in_transit: 'ON_THE_ROAD',
  export: 'EXPORT',
  import: 'IMPORT',
  customs_hold: 'CUSTOMS_HOLD',
  customs_released: 'CUSTOMS_CLEARED',
  delay: 'DELAYED',
  weather: 'DELAYED_WEATHER',
  at_delivery_station: 'AT_DELIVERY_DEPOT',
  out_for_delivery: 'OUT_FOR_DELIVERY',
  delivered: 'DELIVERED',
  failed_attempt: 'NOT_DELIVERED',
  last_attempt: 'NOT_DELIVERED',
  pickup_point: 'AT_PICKUP_POINT',
  address: 'ADDRESS_INCORRECT',
  damaged: 'DAMAGED',
  returning: 'RETURN_TO_SENDER',
  returned: 'RETURNED_TO_SENDER',
  lost: 'NOT_LOCATED',
}

// GLS reports whole sentences as its event text.
const GLS: Vocabulary = {
  label_created:
    'The parcel data was entered into the GLS system; the parcel was not yet handed over to GLS.',
  picked_up: 'The parcel was handed over to GLS.',
  departed: 'The parcel has left the GLS location.',
  arrived: 'The parcel has reached the GLS location.',
  in_transit: 'The parcel is on its way to the next GLS location.',
  export: 'The parcel has left the parcel center for export.',
  import: 'The parcel has reached the GLS location in the destination country.',
  customs_hold: 'The parcel is held by customs.',
  customs_released: 'The parcel has been cleared by customs.',
  delay: 'The parcel is delayed due to a late linehaul arrival.',
  weather: 'The parcel is delayed due to weather conditions.',
  at_delivery_station: 'The parcel has reached the delivery depot.',
  out_for_delivery: 'The parcel is in the GLS delivery vehicle to be delivered in the course of the day.',
  delivered: 'The parcel has been delivered at the consignee or deposited as requested.',
  failed_attempt: 'The parcel could not be delivered as the consignee was absent.',
  last_attempt: 'The parcel could not be delivered as the consignee was absent.',
  pickup_point: 'The parcel has been delivered at the GLS ParcelShop (see parcel information).',
  address: 'The parcel could not be delivered as further address information is needed.',
  damaged: 'The parcel has been damaged.',
  returning: 'The parcel is being returned to the shipper.',
  returned: 'The parcel has been returned to the shipper.',
  lost: 'The parcel could not be located.',
}

// InPost: the status names of its ShipX API.
const INPOST: Vocabulary = {
  label_created: 'confirmed',
  picked_up: 'collected_from_sender',
  departed: 'sent_from_sorting_center',
  arrived: 'adopted_at_sorting_center',
  in_transit: 'sent_from_source_branch',
  export: 'sent_from_sorting_center',
  import: 'adopted_at_sorting_center',
  customs_hold: 'held_by_customs',
  customs_released: 'customs_cleared',
  delay: 'delay_in_delivery',
  weather: 'delay_in_delivery',
  at_delivery_station: 'adopted_at_target_branch',
  out_for_delivery: 'out_for_delivery',
  delivered: 'delivered',
  failed_attempt: 'avizo',
  last_attempt: 'avizo',
  pickup_point: 'ready_to_pickup',
  address: 'undelivered_wrong_address',
  damaged: 'undelivered',
  returning: 'return_in_progress',
  returned: 'returned_to_sender',
  lost: 'missing',
}

const ROYAL_MAIL: Vocabulary = {
  label_created: "We're expecting it",
  picked_up: "We've got it",
  departed: "It's on its way",
  arrived: "It's at our Mail Centre",
  in_transit: "It's on its way",
  export: "It's left the UK",
  import: "It's arrived in the destination country",
  customs_hold: 'Held by customs',
  customs_released: 'Released by customs',
  delay: "It's delayed",
  weather: "It's delayed: severe weather",
  at_delivery_station: "It's at the delivery office",
  out_for_delivery: "It's out for delivery",
  delivered: 'Delivered',
  failed_attempt: 'Sorry we missed you',
  last_attempt: 'Sorry we missed you',
  pickup_point: "It's ready to collect",
  address: 'Address incomplete',
  damaged: 'Item damaged',
  returning: "We're returning it to the sender",
  returned: 'Returned to sender',
  lost: "We're sorry, we can't find your item",
}

// Canada Post and PostNL report in this plain postal English.
const POSTAL: Vocabulary = {
  label_created: 'Electronic information submitted by shipper',
  picked_up: 'Item accepted',
  departed: 'Item departed sorting facility',
  arrived: 'Item processed at sorting facility',
  in_transit: 'Item in transit',
  export: 'Item departed country of origin',
  import: 'Item arrived in destination country',
  customs_hold: 'Item held by customs',
  customs_released: 'Item released by customs',
  delay: 'Item delayed',
  weather: 'Item delayed due to weather',
  at_delivery_station: 'Item arrived at delivery facility',
  out_for_delivery: 'Item out for delivery',
  delivered: 'Item delivered',
  failed_attempt: 'Delivery attempted: recipient not available',
  last_attempt: 'Final delivery attempted: recipient not available',
  pickup_point: 'Item available for pickup',
  address: 'Incorrect address',
  damaged: 'Item damaged',
  returning: 'Item being returned to sender',
  returned: 'Item returned to sender',
  lost: 'Item could not be located',
}

const POCZTA_POLSKA: Vocabulary = {
  label_created: 'Dane przesyłki przekazane do Poczty Polskiej',
  picked_up: 'Nadanie',
  departed: 'Wysłanie',
  arrived: 'Przyjęcie w sortowni',
  in_transit: 'Przesyłka w drodze',
  export: 'Wysłanie przesyłki za granicę',
  import: 'Przesyłka przybyła do kraju przeznaczenia',
  customs_hold: 'Przesyłka zatrzymana przez urząd celny',
  customs_released: 'Zwolnienie przesyłki przez urząd celny',
  delay: 'Opóźnienie w doręczeniu',
  weather: 'Opóźnienie z powodu warunków atmosferycznych',
  at_delivery_station: 'Przyjęcie w placówce doręczającej',
  out_for_delivery: 'Wydanie przesyłki do doręczenia',
  delivered: 'Doręczenie',
  failed_attempt: 'Próba doręczenia: adresat nieobecny',
  last_attempt: 'Awizo: adresat nieobecny',
  pickup_point: 'Przesyłka gotowa do odbioru w placówce',
  address: 'Nieprawidłowy adres',
  damaged: 'Uszkodzenie przesyłki',
  returning: 'Zwrot przesyłki do nadawcy',
  returned: 'Przesyłka zwrócona do nadawcy',
  lost: 'Nie odnaleziono przesyłki',
}

const RUSSIAN_POST: Vocabulary = {
  label_created: 'Присвоен трек-номер',
  picked_up: 'Приём',
  departed: 'Покинуло сортировочный центр',
  arrived: 'Прибыло в сортировочный центр',
  in_transit: 'В пути',
  export: 'Покинуло место международного обмена',
  import: 'Прибыло в место международного обмена',
  customs_hold: 'Задержано таможней',
  customs_released: 'Выпущено таможней',
  delay: 'Задержка в пути',
  weather: 'Задержка из-за погодных условий',
  at_delivery_station: 'Прибыло в место вручения',
  out_for_delivery: 'Передано почтальону',
  delivered: 'Вручение адресату',
  failed_attempt: 'Неудачная попытка вручения',
  last_attempt: 'Неудачная попытка вручения',
  pickup_point: 'Ожидает адресата в месте вручения',
  address: 'Неверный адрес',
  damaged: 'Повреждено',
  returning: 'Возврат отправителю',
  returned: 'Вручение отправителю',
  lost: 'Отправление не найдено',
}

// CDEK: the order status codes of its API.
const CDEK: Vocabulary = {
  label_created: 'CREATED',
  picked_up: 'RECEIVED_AT_SHIPMENT_WAREHOUSE',
  departed: 'SENT_TO_RECIPIENT_CITY',
  arrived: 'ACCEPTED_IN_TRANSIT_CITY',
  in_transit: 'SENT_TO_TRANSIT_CITY',
  export: 'SHIPPED_TO_DESTINATION',
  import: 'PASSED_TO_TRANSIT_CARRIER',
  customs_hold: 'IN_CUSTOMS_LOCAL',
  customs_released: 'CUSTOMS_COMPLETE',
  delay: 'DELAYED',
  weather: 'DELAYED',
  at_delivery_station: 'ACCEPTED_AT_RECIPIENT_CITY_WAREHOUSE',
  out_for_delivery: 'TAKEN_BY_COURIER',
  delivered: 'DELIVERED',
  failed_attempt: 'NOT_DELIVERED',
  last_attempt: 'NOT_DELIVERED',
  pickup_point: 'ACCEPTED_AT_PICK_UP_POINT',
  address: 'NOT_DELIVERED',
  damaged: 'NOT_DELIVERED',
  returning: 'RETURNED_TO_SENDER_CITY_WAREHOUSE',
  returned: 'RETURNED',
  lost: 'NOT_FOUND',
}

// ---------------------------------------------------------------------------------------------------
// Networks: where parcels start, which hubs they pass and where they end, per home region.

type RegionCode = 'us' | 'ca' | 'gb' | 'de' | 'nl' | 'pl' | 'ru' | 'au'

interface Region {
  cities: readonly string[]
  hubs: readonly string[]
  /** Where international parcels leave and enter the region. */
  gateway: string
}

const REGIONS: Record<RegionCode, Region> = {
  us: {
    cities: [
      'Brooklyn, NY, US',
      'Columbus, OH, US',
      'Austin, TX, US',
      'Denver, CO, US',
      'Portland, OR, US',
      'Raleigh, NC, US',
      'Phoenix, AZ, US',
    ],
    hubs: [
      'Louisville, KY, US',
      'Hodgkins, IL, US',
      'Atlanta, GA, US',
      'Dallas, TX, US',
      'Ontario, CA, US',
      'Secaucus, NJ, US',
      'Indianapolis, IN, US',
    ],
    gateway: 'Louisville, KY, US',
  },
  ca: {
    cities: [
      'Toronto, ON, CA',
      'Montreal, QC, CA',
      'Vancouver, BC, CA',
      'Calgary, AB, CA',
      'Ottawa, ON, CA',
      'Halifax, NS, CA',
    ],
    hubs: [
      'Mississauga, ON, CA',
      'Montreal, QC, CA',
      'Richmond, BC, CA',
      'Calgary, AB, CA',
      'Winnipeg, MB, CA',
    ],
    gateway: 'Mississauga, ON, CA',
  },
  gb: {
    cities: ['London, GB', 'Manchester, GB', 'Bristol, GB', 'Leeds, GB', 'Glasgow, GB', 'Cardiff, GB'],
    hubs: ['Daventry, GB', 'Warrington, GB', 'Coventry, GB', 'Chelmsford, GB', 'Swindon, GB'],
    gateway: 'Heathrow, GB',
  },
  de: {
    cities: ['Berlin, DE', 'Hamburg, DE', 'München, DE', 'Köln, DE', 'Stuttgart, DE', 'Dresden, DE'],
    hubs: ['Leipzig, DE', 'Neuenstein, DE', 'Aschaffenburg, DE', 'Unna, DE', 'Hannover, DE', 'Kassel, DE'],
    gateway: 'Leipzig, DE',
  },
  nl: {
    cities: ['Amsterdam, NL', 'Rotterdam, NL', 'Utrecht, NL', 'Eindhoven, NL', 'Groningen, NL'],
    hubs: ['Nieuwegein, NL', 'Den Bosch, NL', 'Zwolle, NL', 'Amersfoort, NL'],
    gateway: 'Amsterdam, NL',
  },
  pl: {
    cities: ['Warszawa, PL', 'Kraków, PL', 'Gdańsk, PL', 'Wrocław, PL', 'Poznań, PL', 'Łódź, PL'],
    hubs: ['Pruszków, PL', 'Stryków, PL', 'Piotrków Trybunalski, PL', 'Komorniki, PL', 'Sosnowiec, PL'],
    gateway: 'Warszawa, PL',
  },
  ru: {
    cities: [
      'Moskva, RU',
      'Sankt-Peterburg, RU',
      'Kazan, RU',
      'Novosibirsk, RU',
      'Yekaterinburg, RU',
      'Samara, RU',
    ],
    hubs: ['Podolsk, RU', 'Vnukovo, RU', 'Nizhniy Novgorod, RU', 'Kazan, RU', 'Yekaterinburg, RU'],
    gateway: 'Vnukovo, RU',
  },
  au: {
    cities: ['Sydney, AU', 'Melbourne, AU', 'Brisbane, AU', 'Perth, AU', 'Adelaide, AU'],
    hubs: ['Chullora, AU', 'Sunshine West, AU', 'Underwood, AU', 'Perth Airport, AU'],
    gateway: 'Sydney, AU',
  },
}

const REGION_CODES = Object.keys(REGIONS) as RegionCode[]

// Parcel lockers are named after the city they stand in.
const LOCKER_PREFIX: Record<string, string> = {
  Warszawa: 'WAW',
  Kraków: 'KRA',
  Gdańsk: 'GDA',
  Wrocław: 'WRO',
  Poznań: 'POZ',
  Łódź: 'LOD',
}

interface CarrierSetup {
  region: RegionCode
  vocabulary: Vocabulary
  /** The carrier's own international gateway when it is not the region's usual one. */
  gateway?: string
  /** Name of the place a parcel waits for collection in `city` ("Warszawa"); `n` varies it. */
  pickupPoint: (city: string, n: number) => string
}

const CARRIERS: Record<CarrierCode, CarrierSetup> = {
  ups: { region: 'us', vocabulary: UPS, pickupPoint: (c) => `the UPS Access Point location in ${c}` },
  usps: {
    region: 'us',
    vocabulary: USPS,
    gateway: 'Jamaica, NY, US',
    pickupPoint: (c) => `the ${c} Post Office`,
  },
  fedex: {
    region: 'us',
    vocabulary: FEDEX,
    gateway: 'Memphis, TN, US',
    pickupPoint: (c) => `the FedEx Office in ${c}`,
  },
  dhl_ecommerce: {
    region: 'us',
    vocabulary: DHL,
    gateway: 'Chicago, IL, US',
    pickupPoint: (c) => `the ${c} Post Office`,
  },
  dhl_express: { region: 'de', vocabulary: DHL, pickupPoint: (c, n) => `DHL Service Point ${c} ${n}` },
  dpd: {
    region: 'de',
    vocabulary: DPD,
    gateway: 'Aschaffenburg, DE',
    pickupPoint: (c, n) => `DPD Pickup parcelshop ${c} ${n}`,
  },
  gls: {
    region: 'de',
    vocabulary: GLS,
    gateway: 'Neuenstein, DE',
    pickupPoint: (c, n) => `GLS ParcelShop ${c} ${n}`,
  },
  inpost: {
    region: 'pl',
    vocabulary: INPOST,
    pickupPoint: (c, n) => `Paczkomat ${LOCKER_PREFIX[c] ?? 'WAW'}${String(n).padStart(2, '0')}M`,
  },
  poczta_polska: {
    region: 'pl',
    vocabulary: POCZTA_POLSKA,
    pickupPoint: (c, n) => `Urząd Pocztowy ${c} ${n}`,
  },
  royal_mail: { region: 'gb', vocabulary: ROYAL_MAIL, pickupPoint: (c) => `the ${c} Customer Service Point` },
  russian_post: { region: 'ru', vocabulary: RUSSIAN_POST, pickupPoint: (c, n) => `post office ${c} ${n}` },
  cdek: { region: 'ru', vocabulary: CDEK, pickupPoint: (c, n) => `CDEK pickup point ${c} ${n}` },
  postnl: { region: 'nl', vocabulary: POSTAL, pickupPoint: (c) => `the PostNL point in ${c}` },
  canada_post: { region: 'ca', vocabulary: POSTAL, pickupPoint: (c) => `the ${c} Post Office` },
  // The carriers below speak the plain postal English in the sandbox; their own wording is not modelled.
  australia_post: {
    region: 'au',
    vocabulary: POSTAL,
    pickupPoint: (c, n) => `the ${c} Parcel Locker ${n}`,
  },
  amazon: { region: 'us', vocabulary: POSTAL, pickupPoint: (c, n) => `Amazon Hub Locker ${c} ${n}` },
  ontrac: { region: 'us', vocabulary: POSTAL, pickupPoint: (c) => `the OnTrac facility in ${c}` },
  lasership: { region: 'us', vocabulary: POSTAL, pickupPoint: (c) => `the LaserShip facility in ${c}` },
  purolator: {
    region: 'ca',
    vocabulary: POSTAL,
    pickupPoint: (c, n) => `Purolator Shipping Centre ${c} ${n}`,
  },
}

interface Stop {
  location: string | null
  arrive: StepKind
  depart: StepKind | null
  /** Overrides the step's usual description for the arrival scan. */
  description?: string
}

interface Route {
  origin: string
  destination: string
  /** The place the parcel is at on the i-th hub day of its journey. */
  stop(index: number): Stop
}

// A parcel passes a few sorting hubs; on any further day of its journey it is on a truck and the
// carrier reports a single location-less "on the way" scan, as real carriers do on long hauls.
const ON_THE_WAY: Stop = { location: null, arrive: 'in_transit', depart: null }
const FLIGHT: Stop = {
  location: null,
  arrive: 'in_transit',
  depart: null,
  description: 'The parcel is on its way to the destination country.',
}

function hubStop(hubs: readonly string[], index: number): Stop {
  return { location: hubs[index % hubs.length]!, arrive: 'arrived', depart: 'departed' }
}

function buildRoute(setup: CarrierSetup, international: boolean, rng: () => number): Route {
  const home = REGIONS[setup.region]
  const origin = pick(home.cities, rng)
  const hubOffset = Math.floor(rng() * 16)
  if (!international) {
    const others = home.cities.filter((c) => c !== origin)
    const hubCount = 2 + Math.floor(rng() * 2)
    return {
      origin,
      destination: pick(others, rng),
      stop: (i) => (i < hubCount ? hubStop(home.hubs, hubOffset + i) : ON_THE_WAY),
    }
  }
  const foreign = REGION_CODES.filter((r) => r !== setup.region)
  const abroad = REGIONS[pick(foreign, rng)]
  const exportStop: Stop = { location: setup.gateway ?? home.gateway, arrive: 'arrived', depart: 'export' }
  const importStop: Stop = { location: abroad.gateway, arrive: 'import', depart: 'departed' }
  const abroadHubCount = 1 + Math.floor(rng() * 2)
  return {
    origin,
    destination: pick(abroad.cities, rng),
    stop(i) {
      if (i === 0) return exportStop
      if (i === 1) return FLIGHT
      if (i === 2) return importStop
      return i < 3 + abroadHubCount ? hubStop(abroad.hubs, hubOffset + i) : ON_THE_WAY
    },
  }
}

// ---------------------------------------------------------------------------------------------------
// The script

class Script {
  readonly events: PlannedEvent[] = []
  private last = Number.NEGATIVE_INFINITY

  constructor(
    private readonly rng: () => number,
    private readonly vocabulary: Vocabulary,
  ) {}

  /** A scan at a random minute between `fromHour` and `toHour` (UTC) of `day`. Returns its time. */
  scan(
    kind: StepKind,
    day: number,
    fromHour: number,
    toHour: number,
    location: string | null,
    description?: string,
  ) {
    const minutes = Math.floor((fromHour + this.rng() * (toHour - fromHour)) * 60)
    return this.at(kind, day * DAY + minutes * MINUTE, location, description)
  }

  /** A scan at `time` (epoch ms), nudged a few minutes past the previous one if it would not follow it. */
  at(kind: StepKind, time: number, location: string | null, description?: string): number {
    const t = time > this.last ? time : this.last + (5 + Math.floor(this.rng() * 20)) * MINUTE
    const [status, detail] = STEP_STATUS[kind]
    this.events.push({
      occurredAt: new Date(t),
      status,
      detail,
      rawStatus: this.vocabulary[kind],
      description: description ?? DESCRIPTIONS[kind],
      location,
    })
    this.last = t
    return t
  }

  /** Arrival (morning) and departure (evening) scans at a hub. */
  hubDay(day: number, stop: Stop) {
    this.scan(stop.arrive, day, 6, 10, stop.location, stop.description)
    if (stop.depart) this.scan(stop.depart, day, 16, 20.75, stop.location)
  }

  /** Arrival at the local delivery facility and loading onto the van. */
  deliveryRun(day: number, location: string) {
    this.scan('at_delivery_station', day, 6, 7, location)
    this.scan('out_for_delivery', day, 7, 9.5, location)
  }
}

/** Pickup happens the same business day when the parcel is ready by 14:00 UTC, else the next one. */
function pickupDay(shippedAt: number): number {
  const day = Math.floor(shippedAt / DAY)
  const hour = (shippedAt - day * DAY) / HOUR
  return isBusinessDay(day) && hour < 14 ? day : addBusinessDays(day, 1)
}

function cityName(location: string): string {
  const comma = location.indexOf(',')
  return comma === -1 ? location : location.slice(0, comma)
}

/**
 * The complete scripted life of a parcel: every scan with its absolute time, the first ETA and, when
 * the carrier moves it (a delay at a hub, a customs hold), the revised ETA and the moment it was
 * announced. Pure and deterministic: same input, same plan.
 *
 * Timings, counted in business days (Mon–Fri) from the pickup day P and the planned delivery day D
 * (P + 2–4 domestic, P + 5–9 international); hub scans run on every day but Sunday:
 * - on_time: delivered on D; the ETA is D, or the business day after for about a third of parcels.
 * - delayed: a delay (late trailer, or a weather exception) at the middle hub day revises the ETA to
 *   D + 2–3, and the parcel is delivered then.
 * - stalled: hub scans on the first 1–2 hub days after P, then silence for good.
 * - failed_attempt: failed attempt on D, out for delivery again and delivered on D + 1.
 * - exception_address: out for delivery on D, then an address exception and nothing more.
 * - exception_customs (international only): customs hold on the import day, released 3 business days
 *   later; the ETA moves to D + 3 and the parcel is delivered then.
 * - exception_damaged: damaged at a hub on the first or second hub day, then returning scans on the
 *   next two business days and returned to the sender on the third.
 * - returned_to_sender: failed attempts on D, D + 1 and D + 2, at a pickup point on D + 3, returned to
 *   the sender 5 business days later.
 * - lost: like stalled, then a final 'lost' scan 12 business days after the last hub scan.
 */
export function planEvents(input: PlanInput): SandboxPlan {
  const shipped = input.shippedAt.getTime()
  if (Number.isNaN(shipped)) throw new RangeError('shippedAt is not a valid date')
  const hash = hashTrackingNumber(input.trackingNumber)
  const international = input.international ?? isInternationalHash(hash)
  const drawn = scenarioForHash(hash)
  const scenario: SandboxScenario = drawn === 'exception_customs' && !international ? 'on_time' : drawn

  const rng = mulberry32(hash ^ SCRIPT_SALT)
  const setup = CARRIERS[input.carrier]
  const route = buildRoute(setup, international, rng)
  const script = new Script(rng, setup.vocabulary)
  const destination = route.destination

  const P = pickupDay(shipped)
  const D = addBusinessDays(P, international ? 5 + Math.floor(rng() * 5) : 2 + Math.floor(rng() * 3))
  let etaDay = D
  let revisedEta: RevisedEta | undefined

  script.at('label_created', shipped, null)
  script.scan('picked_up', P, 15, 18.5, route.origin)
  script.scan('departed', P, 19, 20.75, route.origin)

  const travel = (days: readonly number[]) => days.forEach((day, i) => script.hubDay(day, route.stop(i)))

  // The first hub day or two, the last one sometimes without its departure scan: where stalled and
  // lost parcels go quiet. Returns the last day that had a scan.
  const travelBriefly = (): number => {
    const days = hubDaysBetween(P, D)
    const count = Math.min(days.length, rng() < 0.5 ? 1 : 2)
    for (let i = 0; i < count; i++) {
      const stop = route.stop(i)
      const lastDay = i === count - 1
      script.scan(stop.arrive, days[i]!, 6, 10, stop.location, stop.description)
      if (stop.depart && (!lastDay || rng() < 0.5))
        script.scan(stop.depart, days[i]!, 16, 20.75, stop.location)
    }
    return days[count - 1]!
  }

  switch (scenario) {
    case 'on_time': {
      travel(hubDaysBetween(P, D))
      script.deliveryRun(D, destination)
      script.scan('delivered', D, 10, 19, destination)
      // Carriers pad some estimates, so a share of parcels arrives a day early.
      if (rng() < 0.3) etaDay = addBusinessDays(D, 1)
      break
    }
    case 'delayed': {
      const late = addBusinessDays(D, rng() < 0.5 ? 2 : 3)
      // A delay is announced at a hub, never from a truck or a plane: step back to the last hub.
      let delayAt = Math.floor(hubDaysBetween(P, D).length / 2)
      while (delayAt > 0 && route.stop(delayAt).location === null) delayAt--
      hubDaysBetween(P, late).forEach((day, i) => {
        const stop = route.stop(i)
        if (i === delayAt) {
          script.scan(stop.arrive, day, 6, 10, stop.location, stop.description)
          const from = script.scan(rng() < 0.5 ? 'delay' : 'weather', day, 10.5, 15, stop.location)
          revisedEta = { from: new Date(from), eta: endOfDay(late) }
        } else {
          script.hubDay(day, stop)
        }
      })
      script.deliveryRun(late, destination)
      script.scan('delivered', late, 10, 19, destination)
      break
    }
    case 'stalled': {
      travelBriefly()
      break
    }
    case 'failed_attempt': {
      travel(hubDaysBetween(P, D))
      script.deliveryRun(D, destination)
      script.scan('failed_attempt', D, 10.5, 18, destination)
      const retry = addBusinessDays(D, 1)
      script.scan('out_for_delivery', retry, 7, 9.5, destination)
      script.scan('delivered', retry, 10, 19, destination)
      break
    }
    case 'exception_address': {
      travel(hubDaysBetween(P, D))
      script.deliveryRun(D, destination)
      script.scan('address', D, 10, 16, destination)
      break
    }
    case 'exception_customs': {
      const holdDays = 3
      const late = addBusinessDays(D, holdDays)
      let stopIndex = 0
      let releaseDay = Number.NEGATIVE_INFINITY
      let gateway: string | null = null
      for (const day of hubDaysBetween(P, late)) {
        if (day < releaseDay) continue
        if (day === releaseDay) {
          script.scan('customs_released', day, 9, 13, gateway)
          script.scan('departed', day, 16, 20.75, gateway)
          continue
        }
        const stop = route.stop(stopIndex++)
        if (stop.arrive !== 'import') {
          script.hubDay(day, stop)
          continue
        }
        gateway = stop.location
        script.scan('import', day, 6, 10, gateway)
        const from = script.scan('customs_hold', day, 10.5, 15, gateway)
        revisedEta = { from: new Date(from), eta: endOfDay(late) }
        releaseDay = addBusinessDays(day, holdDays)
      }
      script.deliveryRun(late, destination)
      script.scan('delivered', late, 10, 19, destination)
      break
    }
    case 'exception_damaged': {
      const days = hubDaysBetween(P, D)
      let at = Math.min(days.length, rng() < 0.5 ? 1 : 2) - 1
      while (at > 0 && route.stop(at).location === null) at--
      for (let i = 0; i < at; i++) script.hubDay(days[i]!, route.stop(i))
      const stop = route.stop(at)
      const day = days[at]!
      script.scan(stop.arrive, day, 6, 10, stop.location, stop.description)
      script.scan('damaged', day, 10.5, 15, stop.location)
      const back = addBusinessDays(day, 1)
      script.scan('returning', back, 8, 12, stop.location)
      script.scan('arrived', addBusinessDays(back, 1), 9, 14, route.origin)
      script.scan('returned', addBusinessDays(back, 2), 10, 17, route.origin)
      break
    }
    case 'returned_to_sender': {
      travel(hubDaysBetween(P, D))
      script.deliveryRun(D, destination)
      script.scan('failed_attempt', D, 10.5, 18, destination)
      const second = addBusinessDays(D, 1)
      script.scan('out_for_delivery', second, 7, 9.5, destination)
      script.scan('failed_attempt', second, 10.5, 18, destination)
      const third = addBusinessDays(second, 1)
      script.scan('out_for_delivery', third, 7, 9.5, destination)
      script.scan('last_attempt', third, 10.5, 18, destination)
      const held = addBusinessDays(third, 1)
      const point = setup.pickupPoint(cityName(destination), 1 + Math.floor(rng() * 40))
      script.scan(
        'pickup_point',
        held,
        9,
        12,
        destination,
        `The parcel is waiting for collection at ${point}.`,
      )
      script.scan(
        'returned',
        addBusinessDays(held, 5),
        9,
        17,
        destination,
        'The parcel was not collected within the holding period and was returned to the sender.',
      )
      break
    }
    case 'lost': {
      const lastScanDay = travelBriefly()
      script.scan('lost', addBusinessDays(lastScanDay, 12), 10, 16, null)
      break
    }
  }

  const plan: SandboxPlan = { scenario, international, events: script.events, originalEta: endOfDay(etaDay) }
  if (revisedEta) plan.revisedEta = revisedEta
  return plan
}

// ---------------------------------------------------------------------------------------------------
// Return parcels

const RETURN_SALT = 0x68e31da4
const HAND_OVER_DESCRIPTION = 'The parcel was handed over at a drop-off point.'
const RETURN_DELIVERED_DESCRIPTION = 'The parcel was delivered to the return address.'

/**
 * The scripted journey of a return parcel: always a normal delivery (a buyer's return is not the place
 * to demonstrate exceptions), starting at the label's creation. The buyer drops it off within minutes of
 * getting the label: the hand-over scan comes 2–4 minutes after the label, so someone trying the demo
 * sees the case move while they watch. It then leaves that evening, passes the carrier's hubs and is
 * delivered to the shop 2–3 business days later (3–5 when it crosses a border). The shop's place is
 * not known to the simulator, so the last scans name no town.
 */
export function planReturnEvents(input: PlanInput): SandboxPlan {
  const labelAt = input.shippedAt.getTime()
  if (Number.isNaN(labelAt)) throw new RangeError('shippedAt is not a valid date')
  const hash = hashTrackingNumber(input.trackingNumber)
  const international = input.international ?? false
  const rng = mulberry32(hash ^ RETURN_SALT)
  const setup = CARRIERS[input.carrier]
  const route = buildRoute(setup, false, rng)
  const script = new Script(rng, setup.vocabulary)

  script.at('label_created', labelAt, null)
  const handOver = labelAt + Math.round((2 + rng() * 2) * MINUTE)
  script.at('picked_up', handOver, route.origin, HAND_OVER_DESCRIPTION)
  const P = Math.floor(handOver / DAY)
  script.scan('departed', P, 19, 20.75, route.origin)
  const D = addBusinessDays(P, international ? 3 + Math.floor(rng() * 3) : 2 + Math.floor(rng() * 2))
  hubDaysBetween(P, D).forEach((day, i) => script.hubDay(day, route.stop(i)))
  script.scan('at_delivery_station', D, 6, 7, null)
  script.scan('out_for_delivery', D, 7, 9.5, null)
  script.scan('delivered', D, 10, 16, null, RETURN_DELIVERED_DESCRIPTION)
  return { scenario: 'on_time', international, events: script.events, originalEta: endOfDay(D) }
}

function planFor(request: Pick<TrackRequest, 'carrier' | 'trackingNumber' | 'shippedAt' | 'kind'>) {
  const input = {
    carrier: request.carrier,
    trackingNumber: request.trackingNumber,
    shippedAt: request.shippedAt,
  }
  return request.kind === 'return' ? planReturnEvents(input) : planEvents(input)
}

/** The dedupe key of the i-th scripted scan of a parcel (stable across polls). */
export function sandboxEventKey(trackingNumber: string, index: number): string {
  return `${trackingNumber}:${index}`
}

/**
 * The parcel's next scripted scan that is not stored yet (`known` are the stored dedupe keys), stamped
 * `now` when it lies in the future, so a demo can move a parcel on at once. Its dedupe key is the
 * scripted one: when the poll later reaches that moment, the scan is already there and is not added
 * twice. Null when the script has nothing more.
 */
export function nextSandboxScan(request: TrackRequest & { known: readonly string[] }): CarrierEvent | null {
  const plan = planFor(request)
  const known = new Set(request.known)
  const index = plan.events.findIndex((_, i) => !known.has(sandboxEventKey(request.trackingNumber, i)))
  if (index === -1) return null
  const event = plan.events[index]!
  const occurredAt = event.occurredAt.getTime() > request.now.getTime() ? request.now : event.occurredAt
  return { ...event, occurredAt, dedupeKey: sandboxEventKey(request.trackingNumber, index) }
}

/**
 * What the sandbox carrier reports at `request.now`: the scripted scans that have happened by then,
 * each with a stable dedupe key, and the estimate in force at that moment (the revised one once the
 * scan that revised it has happened). Before the first scan the carrier does not know the parcel and
 * gives no estimate. Any string is accepted as a tracking number, like a carrier's test environment.
 */
export function sandboxSnapshot(request: TrackRequest): TrackingSnapshot {
  const { carrier, trackingNumber } = request
  const plan = planFor(request)
  const now = request.now.getTime()
  const events: CarrierEvent[] = []
  for (const [index, event] of plan.events.entries()) {
    if (event.occurredAt.getTime() > now) break
    events.push({ ...event, dedupeKey: sandboxEventKey(trackingNumber, index) })
  }
  let estimatedDelivery: Date | null = null
  if (events.length > 0) {
    const revised = plan.revisedEta
    estimatedDelivery = revised && revised.from.getTime() <= now ? revised.eta : plan.originalEta
  }
  return { carrier, trackingNumber, events, estimatedDelivery, externalTrackerId: null }
}
