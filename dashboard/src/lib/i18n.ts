// Every UI string, Swedish (default) and English. English is typed against Swedish, so a key
// missing in one language fails the typecheck. `lang` also drives <html lang> and number formats.
import type { RuleName } from '../../../solver/check/rules/names.ts';
import { store, useStore } from './store.ts';
import { enOps, svOps, type OpsKey } from './i18n-ops.ts';
import { enWeekly, svWeekly, type WeeklyKey } from './i18n-weekly.ts';
import { enOverview, svOverview, type OverviewKey } from './i18n-overview.ts';
import { enUsers, svUsers, type UsersKey } from './i18n-users.ts';
import { enScenarios, svScenarios, type ScenariosKey } from './i18n-scenarios.ts';
import { enStaff, svStaff, type StaffKey } from './i18n-staff.ts';

const sv = {
  'app.name': 'opflow',
  'app.tagline': 'Operationsplanering Södra sjukvårdsregionen',
  'app.skip': 'Hoppa till innehållet',
  'nav.main': 'Huvudmeny',
  'nav.overview': 'Regionöversikt',
  'nav.redistribution': 'Omfördelning',
  'nav.hospital': 'Sjukhusvecka',
  'nav.plan': 'Planredigering',
  'nav.waiting': 'Väntelista',
  'lang.other': 'English',
  'lang.switchTo': 'Switch language to English',
  'live.live': 'Realtid: ansluten',
  'live.connecting': 'Realtid: ansluter…',
  'live.offline': 'Realtid: frånkopplad',
  'live.help': 'Uppdateras automatiskt när någon fattar beslut eller en optimering blir klar.',
  'live.event.plan.solved': 'Optimering klar för plan {planId}',
  'live.event.plan.failed': 'Optimering misslyckades för plan {planId}',
  'live.event.plan.status': 'Plan {planId} är nu {status}',
  'live.event.plan.published': 'Plan {planId} har publicerats',
  'live.event.case.decided': 'Beslut från {hospital}: {decision}',
  'live.event.capacity.changed': 'Kapaciteten har ändrats',
  'login.title': 'Logga in',
  'login.email': 'E-post',
  'login.password': 'Lösenord',
  'login.submit': 'Logga in',
  'login.busy': 'Loggar in…',
  'login.failed': 'Inloggningen misslyckades: {msg}',
  'login.demo':
    'Demokonton (lösenord opflow-demo): planner@opti.example, ystad@opti.example, vaxjo@opti.example, analyst@opti.example.',
  logout: 'Logga ut',
  'role.planner': 'Planerare (OpTi)',
  'role.coordinator': 'Koordinator',
  'role.analyst': 'Analytiker – pseudonymiserade data',
  'role.admin': 'Administratör',
  'common.loading': 'Laddar…',
  'common.error': 'Något gick fel: {msg}',
  'common.retry': 'Försök igen',
  'common.close': 'Stäng',
  'common.none': 'Inga',
  'common.all': 'Alla',
  'common.total': 'Totalt',
  'common.definition': 'Definition',
  'plan.label': 'Plan',
  'plan.none': 'Ingen plan finns ännu.',
  'plan.noneCoordinator': 'Ingen föreslagen eller publicerad plan finns ännu.',
  'plan.option': '{week} version {version} – {status}',
  'plan.latest': 'följer senaste',
  'plan.noResult': 'Planen har inget resultat ({status}).',
  'planStatus.running': 'optimeras',
  'planStatus.failed': 'misslyckad',
  'planStatus.draft': 'utkast',
  'planStatus.proposed': 'föreslagen',
  'planStatus.published': 'publicerad',
  'planStatus.superseded': 'ersatt',
  'solveStatus.optimal': 'optimal',
  'solveStatus.feasible': 'godtagbar',
  'solveStatus.time_limit': 'tidsgräns nådd',
  'solveStatus.infeasible': 'ogenomförbar',
  'check.ok': 'kontrollen godkänd',
  'check.fail': '{n} regelbrott',
  'kpi.waiting': 'Väntande patienter',
  'kpi.waiting.def':
    'Patienter på väntelistan (status väntar, elektiva; bevakningsfall räknas inte) per hemsjukhus, per ögonblicksbildens datum.',
  'kpi.pastGuarantee': 'Över vårdgarantin',
  'kpi.pastGuarantee.def':
    'Andel väntande med fler än 90 garantidagar, bland dem som omfattas av vårdgarantin (den som tackat nej till vård på annat sjukhus har avstått den). Garantidagar = dagar sedan beslut om behandling minus dagar i PvV (patientvald väntan), MoV (medicinskt orsakad väntan) och SoV (särskilda skäl).',
  'kpi.pastTarget': 'Över medicinskt måldatum',
  'kpi.pastTarget.def':
    'Andel väntande vars medicinska måldatum (kirurgens prioritering) har passerats, även om de är inom 90 dagar.',
  'kpi.breachesAvoided': 'Undvikna garantibrott',
  'kpi.breachesAvoided.def':
    'Patienter över vårdgarantin vid planperiodens slut i basplanen (varje sjukhus opererar bara sina egna patienter) minus i denna plan.',
  'kpi.treated': 'Opererade patienter',
  'kpi.treated.def': 'Patienter som får en operationstid under planperioden, i planen och i basplanen.',
  'kpi.latenessSaved': 'Sparade dagar efter måldatum',
  'kpi.latenessSaved.def':
    'Summa dagar efter medicinskt måldatum (opererade räknas på operationsdagen, övriga vid periodens slut): basplanen minus planen.',
  'kpi.gap': 'Optimalitetsgap',
  'kpi.gap.def': '(planens kostnad − bevisad undre gräns) / |undre gräns|. 0 % betyder bevisat optimal plan.',
  'kpi.solveStatus': 'Lösningsstatus',
  'kpi.solveStatus.def':
    'Optimal, godtagbar eller avbruten vid tidsgränsen, samt den oberoende kontrollantens bedömning av alla hårda regler.',
  'kpi.moved': 'Flyttade patienter',
  'kpi.moved.def':
    'Patienter som opereras på ett annat sjukhus än där de står på väntelistan (med samtycke och inom resegräns).',
  'kpi.utilisation': 'Beläggning',
  'kpi.utilisation.def': 'Planerad operations- och växlingstid delad med bemannad salstid.',
  'kpi.overrun': 'Överdragsrisk',
  'kpi.overrun.def':
    'Sannolikheten att listans verkliga operationstider drar över listans sluttid (log-normalfördelade tider).',
  'kpi.staffed': 'Bemannad tid',
  'kpi.staffed.def': 'Minuter från listans start till sluttid för salar med team denna dag.',
  'kpi.idle': 'Outnyttjad bemannad tid',
  'kpi.idle.def': 'Bemannad tid utan planerad operation eller växling.',
  'kpi.plan': 'Plan',
  'kpi.lateness': 'Dagar efter måldatum',
  'kpi.travelKm': 'Total resväg (km)',
  'kpi.overtime': 'Förväntad övertid (min)',
  'kpi.latenessTreated': 'Dagar efter måldatum, opererade',
  'kpi.baseline': 'Basplan',
  'overview.fairness': 'Behov först: rättvisemått',
  'overview.fairness.none': 'Planen löstes innan rättvisemåtten fanns; lös om den för att se dem.',
  'overview.bookedVsWaiting': 'Bokade mot väntande',
  'fair.by.specialty': 'Per specialitet',
  'fair.by.procedure': 'Per åtgärd',
  'fair.by.priority': 'Per prioritetsgrupp',
  'fair.col.listed': 'På väntelistan',
  'fair.col.booked': 'Bokade i planen',
  'fair.col.bookedBaseline': 'Bokade i basplanen',
  'fair.col.pastTarget': 'Över måldatum (bokade / alla)',
  'fair.topNeed': 'Täckning högsta prioritet (P1)',
  'fair.topNeed.def':
    'Andel av patienterna i den mest brådskande prioritetsgruppen i hemregionens prioriteringsmatris (kortast måltid, i Södra P1) som får en operationstid i planen.',
  'fair.topNeedPassedOver': 'P1 förbigångna av P3/P4',
  'fair.topNeedPassedOver.def':
    'P1-patienter som väntar trots att en patient minst två prioritetssteg lägre av samma specialitet fick en plats på en lista där P1-patienten är behörig och skulle rymmas.',
  'fair.overtakings': 'Omkörningar',
  'fair.overtakings.def':
    'Bokade patienter B för vilka en mer brådskande patient A av samma specialitet väntar kvar, fast A är behörig för sjukhuset och dagen och skulle rymmas på B:s lista om B togs bort. Brådskande-ordning: prioritetsgrupp (måltid i matrisen), sedan dagar efter måldatum, sedan dagar efter vårdgarantin. Andel av bokade inom parentes.',
  'fair.minPastTarget': 'Operationsminuter till patienter över måldatum',
  'fair.minPastTarget.def':
    'Planerade minuter (operation + växling) för bokade patienter som på operationsdagen har passerat sitt medicinska måldatum.',
  'fair.longShare': 'Andel minuter på långa ingrepp',
  'fair.longShare.def':
    'Andel av de bokade operationsminuterna som går till åtgärder med planerad operationstid på minst 90 minuter (höft, knä, aortaaneurysm …). Mäter om planen svälter långa ingrepp.',
  'fair.guaranteeDaysAvoided': 'Undvikna dagar över vårdgarantin',
  'fair.guaranteeDaysAvoided.def':
    'Summa över bokade patienter av de dagar över vårdgarantin de skulle ha vid periodens slut minus dem på operationsdagen.',
  'fair.targetDaysAvoided': 'Undvikna dagar över måldatum',
  'fair.targetDaysAvoided.def':
    'Summa över bokade patienter av dagarna efter medicinskt måldatum vid periodens slut minus dem på operationsdagen.',
  'reason.wait.plannerExclusion': 'Undantagen från planen av en planerare',
  'reason.wait.htaDoNotDo': '{procedure} är markerad ”gör inte” av HTA; en läkare måste häva det',
  'reason.wait.notOffered': 'Inget sjukhus i regionerna kan utföra {procedure} för patienten',
  'reason.wait.acuteBackup':
    'Kräver akutsjukhus (ASA-klass eller åtgärd), och inget sådant erbjuder {procedure}',
  'reason.wait.icuRequired': 'Kräver intensivvårdsplats, och inget sjukhus med IVA erbjuder {procedure}',
  'reason.wait.earliestDate': 'Förberedelserna är klara först {date}, efter planperioden',
  'reason.wait.excludedPeriod': 'PvV/MoV/SoV täcker alla operationsdagar i planen',
  'reason.wait.noConsent':
    'Har inte samtyckt till vård på annat sjukhus, och {hospital}s listor för {specialty} är fulla med mer brådskande patienter',
  'reason.wait.travelLimit':
    'Inget annat sjukhus med {procedure} inom {km} km, och {hospital}s listor för {specialty} är fulla med mer brådskande patienter',
  'reason.wait.capacity':
    'Alla listor för {specialty} på de möjliga sjukhusen ({hospitals}) är fulla med mer brådskande patienter',
  'reason.wait.noCapacity':
    'Ingen lista för {specialty} planeras på {hospitals} de dagar patienten kan opereras (personal, kirurger eller salar räcker inte)',
  'reason.wait.notWorthMoving':
    'En lista för {specialty} har plats, men resan och regionersättningen väger tyngre än nyttan av att operera där',
  'reason.wait.lessUrgentBooked':
    'En mindre brådskande patient har en plats som patienten skulle rymmas på (en kvarvarande omkörning)',
  'reason.wait.roomUnused': 'En möjlig lista för {specialty} har plats som planen inte använde',
  'reason.wait.surgeonNoTime':
    'Patienten är knuten till en namngiven operatör som inte har tid för ingreppet på {hospitals} de dagar patienten kan opereras',
  'reason.assign.pastGuarantee': 'Över vårdgarantin sedan {date}',
  'reason.assign.guaranteeSoon': 'Passerar vårdgarantin {date}',
  'reason.assign.pastTarget': '{days} dagar efter medicinskt måldatum',
  'reason.assign.withinTarget': 'Medicinskt måldatum {date}',
  'reason.assign.group': 'prioritet {group}',
  'reason.assign.listing': 'på hemsjukhuset',
  'reason.assign.moved': 'flyttad från {hospital}; {km} km hemifrån, samtycke upp till {maxKm} km',
  'overview.title': 'Regionöversikt',
  'overview.planVsBaseline': 'Veckans plan jämfört med basplan',
  'overview.byHospital': 'Väntelista per sjukhus och specialitet',
  'overview.trend': 'Trend senaste veckorna',
  'overview.trend.none': 'Inga tidigare veckor med plan.',
  'col.hospital': 'Sjukhus',
  'col.specialty': 'Specialitet',
  'col.waiting': 'Väntande',
  'col.pastGuarantee': 'Över garantin',
  'col.pastTarget': 'Över måldatum',
  'col.week': 'Vecka',
  'col.date': 'Datum',
  'col.team': 'Team',
  'col.theatre': 'Sal',
  'col.from': 'Från',
  'col.to': 'Till',
  'col.start': 'Start',
  'col.duration': 'Tid (min)',
  'col.procedure': 'Åtgärd (KVÅ)',
  'col.asa': 'ASA',
  'col.home': 'Hemsjukhus',
  'col.risk': 'Överdragsrisk',
  'col.patient': 'Patient',
  'col.status': 'Status',
  'col.id': 'Id',
  'col.name': 'Namn',
  'col.pnr': 'Personnummer',
  'col.ageBand': 'Åldersgrupp',
  'col.priority': 'Prioritet',
  'col.decisionDate': 'Beslutsdatum',
  'col.guarantee': 'Vårdgaranti',
  'col.target': 'Måldatum',
  'col.why': 'Varför väntar patienten',
  'col.reason': 'Motivering',
  'col.actions': 'Åtgärder',
  'col.specialtyLists': 'Specialitet',
  'col.payer': 'Betalar (hemregion)',
  'col.payee': 'Tar emot (vårdande region)',
  'col.amount': 'Belopp',
  'col.place': 'Plats',
  'redis.title': 'Omfördelning',
  'redis.map': 'Patientflöden i regionen',
  'redis.mapDesc':
    'Pilar går från sjukhuset där patienten står på väntelistan till sjukhuset som opererar; tjockleken visar antal patienter.',
  'redis.flowLabel': '{from} till {to}: {n} {n|patient|patienter}',
  'redis.routesShown':
    'Visar {n} av {m} rutter ({patients} av {total} flyttade patienter): de största, högst {max} och minst {pct} % av de flyttade patienterna var. Alla rutter finns i matrisen nedan.',
  'redis.routesAll':
    'Visar alla {m} rutter; siffror på de {n} största. Håll muspekaren över eller fokusera en pil för dess antal.',
  'redis.routesToggle': 'Visa alla {m} rutter',
  'redis.matrix': 'Ursprung × destination',
  'redis.matrixDesc':
    'Rader: hemsjukhus. Kolumner: opererande sjukhus. Klicka på en siffra för patienterna bakom den.',
  'redis.teams': 'Regionala operationsteamets placering',
  'redis.lent': 'Utlånade kirurglistor',
  'redis.settlement': 'Avräkning mellan regioner',
  'redis.noMoves': 'Inga patienter flyttas i denna plan.',
  'redis.noTeams': 'Inget regionalt team är placerat denna vecka.',
  'redis.noLent': 'Inga kirurglistor lånas ut denna vecka.',
  'redis.noSettlement': 'Ingen avräkning: inga patienter behandlas i en annan region.',
  'redis.drill': 'Patienter {label}',
  'redis.pseudo': 'Pseudonymiserade uppgifter (analytikerroll).',
  'redis.acute': 'akutsjukhus',
  'redis.nonAcute': 'ej akutsjukhus',
  'hospital.title': 'Sjukhusvecka',
  'hospital.choose': 'Sjukhus',
  'hospital.noLists': 'Inga operationslistor för sjukhuset i denna plan.',
  'hospital.noList': 'ingen lista',
  'hospital.listSummary':
    '{n} {n|operation|operationer}, {used} av {staffed} min planerade, {idle} min outnyttjade',
  'hospital.outgoing': 'Egna patienter som opereras på annat sjukhus',
  'hospital.noIncoming': 'Inga inkommande patienter.',
  'hospital.noOutgoing': 'Inga egna patienter skickas till andra sjukhus.',
  'hospital.accept': 'Godkänn',
  'hospital.reject': 'Avvisa',
  'hospital.reason': 'Skäl till avvisning',
  'hospital.reasonRequired': 'Ange ett skäl för att avvisa.',
  'hospital.decision.accept': 'Godkänd',
  'hospital.decision.reject': 'Avvisad: {reason}',
  'hospital.pending': 'Väntar på beslut',
  'hospital.needsProposed': 'Beslut kan fattas när planen är föreslagen eller publicerad.',
  'hospital.print': 'Skriv ut dagslista',
  'hospital.printPage': 'Utskriftssida (ny flik)',
  'hospital.printTitle': 'Operationslista {hospital} {date}',
  'hospital.staffedBy.own': 'egen personal',
  'hospital.staffedBy.team': 'regionalt team {team}',
  'hospital.surgeonFrom': 'kirurg från {hospital}',
  'plan.title': 'Planredigering',
  'plan.newSolve': 'Ny optimering',
  'plan.week': 'Vecka (ISO, t.ex. 2026-W11)',
  'plan.start': 'Starta optimering',
  'plan.progress': 'Optimering pågår för plan {planId}',
  'plan.progressDone': 'Optimering av plan {planId}',
  'plan.phase': 'Fas: {phase}',
  'plan.gapNow': 'gap {gap}',
  'plan.phasesSeen': 'Faser: {phases}',
  'plan.solved': 'Klar: plan {planId} är {status}, gap {gap}, {treated} opererade.',
  'plan.failedMsg': 'Optimeringen misslyckades: {msg}',
  'plan.resolve': 'Optimera om (behåll låsningar)',
  'plan.pin': 'Lås',
  'plan.unpin': 'Lås upp',
  'plan.exclude': 'Uteslut',
  'plan.excluded': 'Uteslutna patienter: {n}',
  'plan.include': 'Ta med igen',
  'plan.move': 'Flytta',
  'plan.moveTitle': 'Flytta patient {patient}',
  'plan.apply': 'Flytta patienten',
  'plan.cancel': 'Avbryt',
  'plan.violations': 'Ändringen bryter mot regler. Ingenting har ändrats:',
  'plan.saved': 'Ändringen är sparad och kontrollerad.',
  'plan.conflict': 'Planen har ändrats av någon annan. Den har laddats om.',
  'plan.readonly': 'Planen är {status} och kan inte redigeras. Optimera om för en ny version.',
  'plan.assignments': 'Planerade operationer ({n})',
  'plan.filter': 'Sök patient, sjukhus eller åtgärd',
  'plan.pinned': 'låst',
  'plan.compare': 'Jämför versioner',
  'plan.compareA': 'Version A',
  'plan.compareB': 'Version B',
  'plan.compareRun': 'Jämför',
  'plan.added': 'Tillkomna ({n})',
  'plan.removed': 'Borttagna ({n})',
  'plan.kpiDelta': 'Förändring i nyckeltal (B − A)',
  'plan.lifecycle': 'Status',
  'plan.propose': 'Föreslå till sjukhusen',
  'plan.publish': 'Publicera',
  'plan.backToDraft': 'Tillbaka till utkast',
  'plan.reason': 'Motivering',
  'live.event.plan.edited': 'Plan {planId} har ändrats',
  'plan.busy': 'Sparar och kontrollerar…',
  'plan.publishTitle': 'Publicera {week} version {version}?',
  'plan.publishLoading': 'Hämtar sammanfattning…',
  'plan.publishConfirm': 'Publicera nu',
  'plan.publishBlocked':
    'Kan inte publiceras: version {published} är redan publicerad och är nyare. Optimera om från den i stället.',
  'plan.publishNoCurrent': 'Ingen version av veckan är publicerad ännu.',
  'plan.publishVsCurrent':
    'Jämfört med publicerad version {version}: {added} tillkomna, {removed} borttagna, {moved} flyttade.',
  'plan.publishPending': '{n} inkommande fall väntar fortfarande på sjukhusens beslut.',
  'plan.publishTotals': '{cases} operationer, varav {incoming} flyttade till annat sjukhus.',
  'plan.publishCol.cases': 'Operationer',
  'plan.publishCol.incoming': 'Inkommande',
  'plan.publishCol.outgoing': 'Utgående',
  'plan.publishCol.pending': 'Väntar på beslut',
  'plan.publishCol.accepted': 'Accepterade',
  'plan.publishCol.rejected': 'Avvisade',
  'plan.publishCol.changes': 'Ändringar mot publicerad',
  'plan.refused': 'Ändringen gjordes inte:',
  'plan.decisions': 'Sjukhusens beslut',
  'plan.decisionsNone': 'Inga inkommande fall i planen.',
  'plan.decisionsCounts': '{pending} väntar, {accepted} accepterade, {rejected} avvisade',
  'plan.replanTitle': 'Avvisade fall – planeras om vid nästa optimering ({n})',
  'plan.replanItem': '{patient}: avvisad av {hospital} ({reason})',
  'refusal.procedure not offered': '{hospital} utför inte {procedure}.',
  'refusal.acute back-up required':
    '{procedure} för en patient med ASA {asaClass} kräver akutsjukhus; {hospital} är inte det.',
  'refusal.ICU required': '{procedure} kräver intensivvårdsplats, som {hospital} saknar.',
  'refusal.moved without consent': 'Patienten har inte samtyckt till vård på annat sjukhus än hemsjukhuset.',
  'refusal.travel beyond consent':
    '{hospital} ligger {distanceKm} km från patientens hem; samtycket gäller högst {maxTravelKm} km.',
  'refusal.HTA do-not-do': '{procedure} ska enligt HTA inte utföras utan klinisk överprövning.',
  'refusal.planner exclusion': 'Patienten är utesluten från planen.',
  'refusal.before pre-op release': 'Patienten är inte klar för operation {date} (förberedelserna pågår).',
  'refusal.excluded period': 'Patienten har en period av PvV/MoV/SoV {date}.',
  'refusal.closed theatre': 'Sal {theatre} på {hospital} är stängd {date}.',
  'refusal.mixed specialty list':
    'Listan i sal {theatre} {date} är en lista för {listSpecialty}; patienten behöver {specialty}.',
  'refusal.theatre overrun':
    'Listan i sal {theatre} {date} skulle behöva {plannedMin} planerade minuter men har {listMin}.',
  'refusal.overrun risk':
    'Listan i sal {theatre} {date} skulle dra över med sannolikheten {probabilityPct} %, över gränsen {maxPct} %.',
  'refusal.staffed teams':
    '{hospital} har redan alla sina {staffedTeams} team i arbete {date}; en ny lista saknar personal.',
  'refusal.surgeon lists':
    '{hospital} har ingen ledig kirurglista för {specialty} {date} ({surgeonLists} totalt, alla används).',
  'phase.queued': 'i kö',
  'phase.build': 'bygger problemet',
  'phase.aggregate': 'aggregerad optimering',
  'phase.construct': 'bygger operationslistor',
  'phase.improve': 'förbättrar',
  'phase.check': 'kontrollerar regler',
  'phase.baseline': 'beräknar basplan',
  'phase.done': 'klar',
  'waiting.title': 'Väntelista',
  'waiting.count': '{n} {n|patient|patienter}',
  'waiting.pastOnly': 'Endast över vårdgarantin',
  'waiting.sort': 'Sortering',
  'waiting.sort.ord': 'Listordning',
  'waiting.sort.decisionDate': 'Beslutsdatum (äldst först)',
  'waiting.sort.-decisionDate': 'Beslutsdatum (nyast först)',
  'waiting.sort.medicalTargetDate': 'Måldatum (tidigast först)',
  'waiting.sort.priorityGroup': 'Prioritet',
  'waiting.sort.asaClass': 'ASA-klass',
  'waiting.priority': 'Prioritetsgrupp',
  'waiting.hint': 'Använd piltangenterna, Page Up/Down, Home och End för att bläddra.',
  'guarantee.left': '{n} d kvar',
  'guarantee.past': '{n} d över',
  'guarantee.waived': 'Avstått vårdgarantin',
  'guarantee.waived.def':
    'Patienten har tackat nej till vård på ett annat sjukhus och därmed avstått vårdgarantin för denna remiss. Räknas inte i andelen över vårdgarantin; det medicinska måldatumet gäller fortfarande.',
  'why.planned': 'Planerad {date}, {hospital}',
  'why.notPlanned': 'Inte med i planen (mer brådskande patienter först)',
  'why.noPlan': 'Ingen plan att förklara med',
  'status.waiting': 'väntar',
  'status.scheduled': 'planerad',
  'status.treated': 'opererad',
  'status.removed': 'avförd',
  'binding.capacity': 'Kapacitet: alla möjliga sjukhus är fullbokade med mer brådskande patienter',
  'binding.no consent to move': 'Har inte samtyckt till vård på annat sjukhus',
} satisfies Record<string, string>;

type RuleKey = `rule.${RuleName}`;

const svRules: Record<RuleKey, string> = {
  'rule.unknown reference': 'Okänt sjukhus, sal eller patient',
  'rule.double booking': 'Dubbelbokning: patienten eller salen är redan upptagen',
  'rule.procedure not offered': 'Sjukhuset utför inte denna åtgärd',
  'rule.acute back-up required': 'Kräver akutsjukhus (ASA-klass eller åtgärd)',
  'rule.ICU required': 'Kräver intensivvårdsplats',
  'rule.moved without consent': 'Patienten har inte samtyckt till vård på annat sjukhus',
  'rule.travel beyond consent': 'Resan är längre än patienten har godkänt',
  'rule.before pre-op release': 'Före datum då förberedelserna är klara',
  'rule.excluded period': 'Patienten har en period av PvV/MoV/SoV då',
  'rule.HTA do-not-do': 'Åtgärden ska enligt HTA inte utföras (kräver klinisk överprövning)',
  'rule.planner exclusion': 'Patienten är utesluten av en planerare',
  'rule.pin broken': 'En låst operation flyttas',
  'rule.closed theatre': 'Salen eller sjukhuset är stängt den dagen',
  'rule.mixed specialty list': 'Listan blandar specialiteter',
  'rule.staffed teams': 'Inte tillräckligt med personal (operations- och anestesiteam)',
  'rule.surgeon lists': 'Inga lediga kirurglistor för specialiteten',
  'rule.lending beyond spare lists': 'Fler utlånade kirurglistor än det finns lediga',
  'rule.regional team': 'Det regionala teamet är inte tillgängligt där',
  'rule.theatre overrun': 'Listan drar över salens sluttid',
  'rule.overrun risk': 'För hög risk att listan drar över',
  'rule.booked capacity': 'Tiden eller patienten är redan bokad',
  'rule.ward beds': 'Inte tillräckligt med vårdplatser efter operationen',
  'rule.must treat': 'Inte opererad senast det datum patienten måste opereras',
  'rule.surgeon minutes': 'Operatören planeras för fler minuter än sin dagsgräns',
  'rule.surgeon one place': 'Operatören är på två ställen samtidigt',
  'rule.session': 'Operationen ligger utanför sitt pass eller i fel pass',
  'rule.tied surgeon': 'Patienten opereras inte av sin egen operatör',
  'rule.surgeon procedure': 'Operatören får inte utföra ingreppet',
  'rule.surgeon availability': 'Operatören arbetar inte den dagen eller på det sjukhuset',
};

const enRules: Record<RuleKey, string> = {
  'rule.unknown reference': 'Unknown hospital, theatre or patient',
  'rule.double booking': 'Double booking: the patient or theatre is already taken',
  'rule.procedure not offered': 'The hospital does not perform this procedure',
  'rule.acute back-up required': 'Needs an acute hospital (ASA class or procedure)',
  'rule.ICU required': 'Needs an intensive-care bed',
  'rule.moved without consent': 'The patient has not consented to care elsewhere',
  'rule.travel beyond consent': 'The trip is longer than the patient accepted',
  'rule.before pre-op release': 'Before the pre-operative work-up is done',
  'rule.excluded period': 'The patient has a PvV/MoV/SoV period then',
  'rule.HTA do-not-do': 'HTA says this operation should not be done (needs a clinician override)',
  'rule.planner exclusion': 'The patient was excluded by a planner',
  'rule.pin broken': 'A pinned operation would move',
  'rule.closed theatre': 'The theatre or hospital is closed that day',
  'rule.mixed specialty list': 'The list mixes specialties',
  'rule.staffed teams': 'Not enough staff (operating and anaesthesia teams)',
  'rule.surgeon lists': 'No free surgeon list for the specialty',
  'rule.lending beyond spare lists': 'More surgeon lists lent than are spare',
  'rule.regional team': 'The regional team is not available there',
  'rule.theatre overrun': 'The list runs past the theatre’s closing time',
  'rule.overrun risk': 'Too high a risk that the list overruns',
  'rule.booked capacity': 'The theatre time or the patient is already booked',
  'rule.ward beds': 'Not enough post-operative ward beds',
  'rule.must treat': 'Not operated by the date the patient must be treated',
  'rule.surgeon minutes': 'The surgeon is planned for more minutes than their daily limit',
  'rule.surgeon one place': 'The surgeon is in two places at once',
  'rule.session': 'The case lies outside its session or in the wrong session',
  'rule.tied surgeon': 'The patient is not operated by their own surgeon',
  'rule.surgeon procedure': 'The surgeon may not do the procedure',
  'rule.surgeon availability': 'The surgeon does not work that day or at that hospital',
};

export type MsgKey =
  keyof typeof sv | RuleKey | OpsKey | WeeklyKey | OverviewKey | UsersKey | ScenariosKey | StaffKey;

const en: Record<keyof typeof sv, string> = {
  'app.name': 'opflow',
  'app.tagline': 'Theatre planning, Southern healthcare region',
  'app.skip': 'Skip to content',
  'nav.main': 'Main menu',
  'nav.overview': 'Region overview',
  'nav.redistribution': 'Redistribution',
  'nav.hospital': 'Hospital week',
  'nav.plan': 'Plan editing',
  'nav.waiting': 'Waiting list',
  'lang.other': 'Svenska',
  'lang.switchTo': 'Byt språk till svenska',
  'live.live': 'Live: connected',
  'live.connecting': 'Live: connecting…',
  'live.offline': 'Live: offline',
  'live.help': 'Updates by itself when someone decides a case or a solve finishes.',
  'live.event.plan.solved': 'Solve finished for plan {planId}',
  'live.event.plan.failed': 'Solve failed for plan {planId}',
  'live.event.plan.status': 'Plan {planId} is now {status}',
  'live.event.plan.published': 'Plan {planId} was published',
  'live.event.case.decided': 'Decision from {hospital}: {decision}',
  'live.event.capacity.changed': 'Capacity changed',
  'login.title': 'Log in',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.busy': 'Logging in…',
  'login.failed': 'Login failed: {msg}',
  'login.demo':
    'Demo accounts (password opflow-demo): planner@opti.example, ystad@opti.example, vaxjo@opti.example, analyst@opti.example.',
  logout: 'Log out',
  'role.planner': 'Planner (OpTi)',
  'role.coordinator': 'Coordinator',
  'role.analyst': 'Analyst – pseudonymised data',
  'role.admin': 'Administrator',
  'common.loading': 'Loading…',
  'common.error': 'Something went wrong: {msg}',
  'common.retry': 'Try again',
  'common.close': 'Close',
  'common.none': 'None',
  'common.all': 'All',
  'common.total': 'Total',
  'common.definition': 'Definition',
  'plan.label': 'Plan',
  'plan.none': 'No plan yet.',
  'plan.noneCoordinator': 'No proposed or published plan yet.',
  'plan.option': '{week} version {version} – {status}',
  'plan.latest': 'following latest',
  'plan.noResult': 'The plan has no result ({status}).',
  'planStatus.running': 'solving',
  'planStatus.failed': 'failed',
  'planStatus.draft': 'draft',
  'planStatus.proposed': 'proposed',
  'planStatus.published': 'published',
  'planStatus.superseded': 'superseded',
  'solveStatus.optimal': 'optimal',
  'solveStatus.feasible': 'feasible',
  'solveStatus.time_limit': 'time limit reached',
  'solveStatus.infeasible': 'infeasible',
  'check.ok': 'checker passed',
  'check.fail': '{n} rule violations',
  'kpi.waiting': 'Patients waiting',
  'kpi.waiting.def':
    'Patients on the waiting list (status waiting, elective; monitoring cases are not counted) per home hospital, on the snapshot date.',
  'kpi.pastGuarantee': 'Past the care guarantee',
  'kpi.pastGuarantee.def':
    'Share of waiting patients with more than 90 guarantee days, among those under the care guarantee (a patient who declined care at another hospital gave it up). Guarantee days = days since the decision to treat minus days in PvV (patient-chosen wait), MoV (medically caused wait) and SoV (special reasons).',
  'kpi.pastTarget': 'Past medical target date',
  'kpi.pastTarget.def':
    'Share of waiting patients whose medical target date (the surgeon’s priority) has passed, even within 90 days.',
  'kpi.breachesAvoided': 'Guarantee breaches avoided',
  'kpi.breachesAvoided.def':
    'Patients past the care guarantee at the end of the horizon in the baseline (each hospital operates only its own patients) minus in this plan.',
  'kpi.treated': 'Patients treated',
  'kpi.treated.def': 'Patients given an operation slot in the horizon, in the plan and in the baseline.',
  'kpi.latenessSaved': 'Days past target saved',
  'kpi.latenessSaved.def':
    'Sum of days past the medical target date (treated patients counted on their day of surgery, others at the horizon end): baseline minus plan.',
  'kpi.gap': 'Optimality gap',
  'kpi.gap.def': '(plan cost − proven lower bound) / |lower bound|. 0 % means proven optimal.',
  'kpi.solveStatus': 'Solve status',
  'kpi.solveStatus.def':
    'Optimal, feasible or stopped at the time limit, and the independent checker’s verdict on every hard rule.',
  'kpi.moved': 'Patients moved',
  'kpi.moved.def':
    'Patients operated at another hospital than the one they are listed at (with consent, within their travel limit).',
  'kpi.utilisation': 'Utilisation',
  'kpi.utilisation.def': 'Planned surgery and turnover minutes divided by staffed theatre minutes.',
  'kpi.overrun': 'Overrun risk',
  'kpi.overrun.def':
    'Probability that the list’s actual surgical times run past the list end (lognormal durations).',
  'kpi.staffed': 'Staffed time',
  'kpi.staffed.def': 'Minutes from list start to list end for theatres with a team that day.',
  'kpi.idle': 'Idle staffed time',
  'kpi.idle.def': 'Staffed minutes with no planned surgery or turnover.',
  'kpi.plan': 'Plan',
  'kpi.lateness': 'Days past target date',
  'kpi.travelKm': 'Total travel (km)',
  'kpi.overtime': 'Expected overtime (min)',
  'kpi.latenessTreated': 'Days past target, treated',
  'kpi.baseline': 'Baseline',
  'overview.fairness': 'Need first: fairness figures',
  'overview.fairness.none':
    'This plan was solved before the fairness figures existed; re-solve it to see them.',
  'overview.bookedVsWaiting': 'Booked vs waiting',
  'fair.by.specialty': 'By specialty',
  'fair.by.procedure': 'By procedure',
  'fair.by.priority': 'By priority group',
  'fair.col.listed': 'On the waiting list',
  'fair.col.booked': 'Booked in the plan',
  'fair.col.bookedBaseline': 'Booked in the baseline',
  'fair.col.pastTarget': 'Past target (booked / all)',
  'fair.topNeed': 'Top-priority coverage (P1)',
  'fair.topNeed.def':
    'Share of the patients in the most urgent priority group of their home region’s priority grid (shortest target, P1 in Södra) who get an operation slot in the plan.',
  'fair.topNeedPassedOver': 'P1 passed over by P3/P4',
  'fair.topNeedPassedOver.def':
    'P1 patients left waiting although a patient at least two priority steps lower, of the same specialty, got a place on a list the P1 patient is eligible for and would fit.',
  'fair.overtakings': 'Overtakings',
  'fair.overtakings.def':
    'Booked patients B for whom a more urgent patient A of the same specialty is left waiting although A is eligible for that hospital and day and would fit in B’s list if B were removed. Urgency order: priority group (target length in the grid), then days past the medical target, then days past the care guarantee. Share of booked in brackets.',
  'fair.minPastTarget': 'Theatre minutes to patients past target',
  'fair.minPastTarget.def':
    'Planned minutes (case + turnover) of booked patients who are past their medical target date on the day of surgery.',
  'fair.longShare': 'Share of minutes on long procedures',
  'fair.longShare.def':
    'Share of the booked theatre minutes that go to procedures of at least 90 planned minutes (hip, knee, aortic aneurysm …). Shows whether the plan starves long cases.',
  'fair.guaranteeDaysAvoided': 'Days past the guarantee avoided',
  'fair.guaranteeDaysAvoided.def':
    'Sum over booked patients of the days past the care guarantee they would have at the horizon end minus those on the day of surgery.',
  'fair.targetDaysAvoided': 'Days past target avoided',
  'fair.targetDaysAvoided.def':
    'Sum over booked patients of the days past the medical target date at the horizon end minus those on the day of surgery.',
  'reason.wait.plannerExclusion': 'Excluded from this plan by a planner',
  'reason.wait.htaDoNotDo': '{procedure} is flagged “do not do” by HTA; a clinician must override',
  'reason.wait.notOffered': 'No hospital in the regions can perform {procedure} for this patient',
  'reason.wait.acuteBackup': 'Needs an acute hospital (ASA class or procedure), and none offers {procedure}',
  'reason.wait.icuRequired': 'Needs an intensive-care bed, and no hospital with an ICU offers {procedure}',
  'reason.wait.earliestDate': 'Pre-operative work-up done only on {date}, after this plan',
  'reason.wait.excludedPeriod': 'A PvV/MoV/SoV period covers every operating day of the plan',
  'reason.wait.noConsent':
    'Has not consented to care elsewhere, and {hospital}’s {specialty} lists are full with more urgent patients',
  'reason.wait.travelLimit':
    'No other hospital offering {procedure} within {km} km, and {hospital}’s {specialty} lists are full with more urgent patients',
  'reason.wait.capacity':
    'Every {specialty} list at the eligible hospitals ({hospitals}) is full with more urgent patients',
  'reason.wait.noCapacity':
    'No {specialty} list is planned at {hospitals} on the days the patient can be operated (staff, surgeons or rooms)',
  'reason.wait.notWorthMoving':
    'A {specialty} list has room, but the travel and cross-region payment outweigh the value of operating there',
  'reason.wait.lessUrgentBooked':
    'A less urgent patient holds a place this patient would fit (a remaining overtaking)',
  'reason.wait.roomUnused': 'An eligible {specialty} list has room the plan left unused',
  'reason.wait.surgeonNoTime':
    'The patient is tied to a named surgeon who has no time for the procedure at {hospitals} on the days the patient can be operated',
  'reason.assign.pastGuarantee': 'Past the care guarantee since {date}',
  'reason.assign.guaranteeSoon': 'Would pass the care guarantee on {date}',
  'reason.assign.pastTarget': '{days} days past the medical target date',
  'reason.assign.withinTarget': 'Medical target date {date}',
  'reason.assign.group': 'priority {group}',
  'reason.assign.listing': 'at the listing hospital',
  'reason.assign.moved': 'moved from {hospital}; {km} km from home, consent up to {maxKm} km',
  'overview.title': 'Region overview',
  'overview.planVsBaseline': 'This week’s plan vs baseline',
  'overview.byHospital': 'Waiting list per hospital and specialty',
  'overview.trend': 'Trend over recent weeks',
  'overview.trend.none': 'No earlier weeks with a plan.',
  'col.hospital': 'Hospital',
  'col.specialty': 'Specialty',
  'col.waiting': 'Waiting',
  'col.pastGuarantee': 'Past guarantee',
  'col.pastTarget': 'Past target',
  'col.week': 'Week',
  'col.date': 'Date',
  'col.team': 'Team',
  'col.theatre': 'Theatre',
  'col.from': 'From',
  'col.to': 'To',
  'col.start': 'Start',
  'col.duration': 'Time (min)',
  'col.procedure': 'Procedure (KVÅ)',
  'col.asa': 'ASA',
  'col.home': 'Home hospital',
  'col.risk': 'Overrun risk',
  'col.patient': 'Patient',
  'col.status': 'Status',
  'col.id': 'Id',
  'col.name': 'Name',
  'col.pnr': 'Personal identity number',
  'col.ageBand': 'Age band',
  'col.priority': 'Priority',
  'col.decisionDate': 'Decision date',
  'col.guarantee': 'Care guarantee',
  'col.target': 'Target date',
  'col.why': 'Why still waiting',
  'col.reason': 'Reason',
  'col.actions': 'Actions',
  'col.specialtyLists': 'Specialty',
  'col.payer': 'Pays (home region)',
  'col.payee': 'Receives (treating region)',
  'col.amount': 'Amount',
  'col.place': 'Place',
  'redis.title': 'Redistribution',
  'redis.map': 'Patient flows in the region',
  'redis.mapDesc':
    'Arrows run from the hospital where the patient is listed to the hospital that operates; thickness shows the number of patients.',
  'redis.flowLabel': '{from} to {to}: {n} {n|patient|patients}',
  'redis.routesShown':
    'Showing {n} of {m} routes ({patients} of {total} moved patients): the largest, at most {max} and each at least {pct} % of the moved patients. Every route is in the matrix below.',
  'redis.routesAll':
    'Showing all {m} routes; numbers on the {n} largest. Hover over or focus an arrow for its count.',
  'redis.routesToggle': 'Show all {m} routes',
  'redis.matrix': 'Origin × destination',
  'redis.matrixDesc':
    'Rows: home hospital. Columns: operating hospital. Click a number to see the patients behind it.',
  'redis.teams': 'Regional operation team placements',
  'redis.lent': 'Lent surgeon lists',
  'redis.settlement': 'Settlement between regions',
  'redis.noMoves': 'No patients move in this plan.',
  'redis.noTeams': 'No regional team is placed this week.',
  'redis.noLent': 'No surgeon lists are lent this week.',
  'redis.noSettlement': 'No settlement: no patient is treated in another region.',
  'redis.drill': 'Patients {label}',
  'redis.pseudo': 'Pseudonymised data (analyst role).',
  'redis.acute': 'acute hospital',
  'redis.nonAcute': 'non-acute hospital',
  'hospital.title': 'Hospital week',
  'hospital.choose': 'Hospital',
  'hospital.noLists': 'No theatre lists for this hospital in this plan.',
  'hospital.noList': 'no list',
  'hospital.listSummary': '{n} {n|operation|operations}, {used} of {staffed} min planned, {idle} min idle',
  'hospital.outgoing': 'Own patients operated elsewhere',
  'hospital.noIncoming': 'No incoming patients.',
  'hospital.noOutgoing': 'No own patients are sent elsewhere.',
  'hospital.accept': 'Accept',
  'hospital.reject': 'Reject',
  'hospital.reason': 'Reason for rejecting',
  'hospital.reasonRequired': 'Give a reason to reject.',
  'hospital.decision.accept': 'Accepted',
  'hospital.decision.reject': 'Rejected: {reason}',
  'hospital.pending': 'Awaiting decision',
  'hospital.needsProposed': 'Decisions can be made once the plan is proposed or published.',
  'hospital.print': 'Print day list',
  'hospital.printPage': 'Printable page (new tab)',
  'hospital.printTitle': 'Theatre list {hospital} {date}',
  'hospital.staffedBy.own': 'own staff',
  'hospital.staffedBy.team': 'regional team {team}',
  'hospital.surgeonFrom': 'surgeon from {hospital}',
  'plan.title': 'Plan editing',
  'plan.newSolve': 'New solve',
  'plan.week': 'Week (ISO, e.g. 2026-W11)',
  'plan.start': 'Start solve',
  'plan.progress': 'Solving plan {planId}',
  'plan.progressDone': 'Solve of plan {planId}',
  'plan.phase': 'Phase: {phase}',
  'plan.gapNow': 'gap {gap}',
  'plan.phasesSeen': 'Phases: {phases}',
  'plan.solved': 'Done: plan {planId} is {status}, gap {gap}, {treated} treated.',
  'plan.failedMsg': 'The solve failed: {msg}',
  'plan.resolve': 'Re-solve (keep pins)',
  'plan.pin': 'Pin',
  'plan.unpin': 'Unpin',
  'plan.exclude': 'Exclude',
  'plan.excluded': 'Excluded patients: {n}',
  'plan.include': 'Include again',
  'plan.move': 'Move',
  'plan.moveTitle': 'Move patient {patient}',
  'plan.apply': 'Move the patient',
  'plan.cancel': 'Cancel',
  'plan.violations': 'The change breaks rules. Nothing was changed:',
  'plan.saved': 'The change is saved and checked.',
  'plan.conflict': 'Someone else changed the plan. It has been reloaded.',
  'plan.readonly': 'The plan is {status} and cannot be edited. Re-solve for a new version.',
  'plan.assignments': 'Planned operations ({n})',
  'plan.filter': 'Search patient, hospital or procedure',
  'plan.pinned': 'pinned',
  'plan.compare': 'Compare versions',
  'plan.compareA': 'Version A',
  'plan.compareB': 'Version B',
  'plan.compareRun': 'Compare',
  'plan.added': 'Added ({n})',
  'plan.removed': 'Removed ({n})',
  'plan.kpiDelta': 'Change in KPIs (B − A)',
  'plan.lifecycle': 'Status',
  'plan.propose': 'Propose to hospitals',
  'plan.publish': 'Publish',
  'plan.backToDraft': 'Back to draft',
  'plan.reason': 'Reason',
  'live.event.plan.edited': 'Plan {planId} has changed',
  'plan.busy': 'Saving and checking…',
  'plan.publishTitle': 'Publish {week} version {version}?',
  'plan.publishLoading': 'Fetching the summary…',
  'plan.publishConfirm': 'Publish now',
  'plan.publishBlocked':
    'Cannot be published: version {published} is already published and is newer. Re-solve from it instead.',
  'plan.publishNoCurrent': 'No version of this week is published yet.',
  'plan.publishVsCurrent':
    'Against published version {version}: {added} added, {removed} removed, {moved} moved.',
  'plan.publishPending': '{n} incoming cases still wait for the hospitals’ decisions.',
  'plan.publishTotals': '{cases} operations, {incoming} of them moved to another hospital.',
  'plan.publishCol.cases': 'Operations',
  'plan.publishCol.incoming': 'Incoming',
  'plan.publishCol.outgoing': 'Outgoing',
  'plan.publishCol.pending': 'Awaiting decision',
  'plan.publishCol.accepted': 'Accepted',
  'plan.publishCol.rejected': 'Rejected',
  'plan.publishCol.changes': 'Changes vs published',
  'plan.refused': 'The change was not made:',
  'plan.decisions': 'Hospitals’ decisions',
  'plan.decisionsNone': 'No incoming cases in this plan.',
  'plan.decisionsCounts': '{pending} pending, {accepted} accepted, {rejected} rejected',
  'plan.replanTitle': 'Rejected cases – planned again by the next re-solve ({n})',
  'plan.replanItem': '{patient}: rejected by {hospital} ({reason})',
  'refusal.procedure not offered': '{hospital} does not perform {procedure}.',
  'refusal.acute back-up required':
    '{procedure} for a patient with ASA {asaClass} needs an acute hospital; {hospital} is not one.',
  'refusal.ICU required': '{procedure} needs an intensive-care bed, which {hospital} does not have.',
  'refusal.moved without consent': 'The patient has not consented to care outside the home hospital.',
  'refusal.travel beyond consent':
    '{hospital} is {distanceKm} km from the patient’s home; consent covers at most {maxTravelKm} km.',
  'refusal.HTA do-not-do': 'HTA says {procedure} should not be done without a clinician override.',
  'refusal.planner exclusion': 'The patient is excluded from the plan.',
  'refusal.before pre-op release': 'The patient is not ready for surgery on {date} (work-up in progress).',
  'refusal.excluded period': 'The patient has a PvV/MoV/SoV period on {date}.',
  'refusal.closed theatre': 'Theatre {theatre} at {hospital} is closed on {date}.',
  'refusal.mixed specialty list':
    'The list in theatre {theatre} on {date} is a {listSpecialty} list; the patient needs {specialty}.',
  'refusal.theatre overrun':
    'The list in theatre {theatre} on {date} would need {plannedMin} planned minutes but has {listMin}.',
  'refusal.overrun risk':
    'The list in theatre {theatre} on {date} would overrun with probability {probabilityPct} %, above the {maxPct} % limit.',
  'refusal.staffed teams':
    '{hospital} already has all its {staffedTeams} teams working on {date}; a new list has no staff.',
  'refusal.surgeon lists':
    '{hospital} has no free {specialty} surgeon list on {date} ({surgeonLists} in all, all in use).',
  'phase.queued': 'queued',
  'phase.build': 'building the problem',
  'phase.aggregate': 'aggregate optimisation',
  'phase.construct': 'building theatre lists',
  'phase.improve': 'improving',
  'phase.check': 'checking rules',
  'phase.baseline': 'computing baseline',
  'phase.done': 'done',
  'waiting.title': 'Waiting list',
  'waiting.count': '{n} {n|patient|patients}',
  'waiting.pastOnly': 'Only past the care guarantee',
  'waiting.sort': 'Sort',
  'waiting.sort.ord': 'List order',
  'waiting.sort.decisionDate': 'Decision date (oldest first)',
  'waiting.sort.-decisionDate': 'Decision date (newest first)',
  'waiting.sort.medicalTargetDate': 'Target date (earliest first)',
  'waiting.sort.priorityGroup': 'Priority',
  'waiting.sort.asaClass': 'ASA class',
  'waiting.priority': 'Priority group',
  'waiting.hint': 'Use the arrow keys, Page Up/Down, Home and End to scroll.',
  'guarantee.left': '{n} d left',
  'guarantee.past': '{n} d past',
  'guarantee.waived': 'Guarantee waived',
  'guarantee.waived.def':
    'The patient declined care at another hospital and so gave up the care guarantee for this referral. Not counted in the share past the guarantee; the medical target date still applies.',
  'why.planned': 'Planned {date}, {hospital}',
  'why.notPlanned': 'Not in the plan (more urgent patients first)',
  'why.noPlan': 'No plan to explain with',
  'status.waiting': 'waiting',
  'status.scheduled': 'scheduled',
  'status.treated': 'treated',
  'status.removed': 'removed',
  'binding.capacity': 'Capacity: every eligible hospital is full with more urgent patients',
  'binding.no consent to move': 'Has not consented to care at another hospital',
};

const DICT = {
  sv: { ...sv, ...svRules, ...svOps, ...svWeekly, ...svOverview, ...svUsers, ...svScenarios, ...svStaff },
  en: { ...en, ...enRules, ...enOps, ...enWeekly, ...enOverview, ...enUsers, ...enScenarios, ...enStaff },
} as const;
export type Lang = keyof typeof DICT;

const saved = (() => {
  try {
    return localStorage.getItem('opflow.lang');
  } catch {
    return null;
  }
})();
export const lang = store<Lang>(saved === 'en' ? 'en' : 'sv');
const applyLang = (l: Lang): void => {
  document.documentElement.lang = l;
};
applyLang(lang.get());
lang.subscribe((l) => {
  applyLang(l);
  try {
    localStorage.setItem('opflow.lang', l);
  } catch {
    // private mode: the choice lasts for the session only
  }
});

export type Vars = Record<string, string | number>;

/**
 * `{name}` is replaced by the variable; `{name|one|other}` picks the singular when the variable is
 * 1 ("1 patient", "2 patienter"), so a count never reads "1 patienter".
 */
export function translate(l: Lang, key: MsgKey, vars: Vars = {}): string {
  const s: string = (DICT[l] as Record<string, string>)[key] ?? key;
  return s
    .replace(/\{(\w+)\|([^|}]*)\|([^}]*)\}/g, (_, k: string, one: string, other: string) =>
      String(vars[k]) === '1' ? one : other,
    )
    .replace(/\{(\w+)\}/g, (_, k: string) => (vars[k] === undefined ? `{${k}}` : String(vars[k])));
}

/** A known message key, or undefined (for data-driven keys such as rule names). */
export function hasKey(key: string): key is MsgKey {
  return key in DICT.sv;
}

export interface I18n {
  lang: Lang;
  t: (key: MsgKey, vars?: Vars) => string;
  /** Translate a data-driven key when known, else fall back to the given text. */
  tOr: (key: string, fallback: string, vars?: Vars) => string;
  num: (n: number, digits?: number) => string;
  pct: (share: number, digits?: number) => string;
  sek: (n: number) => string;
  date: (iso: string) => string;
}

const locales: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB' };

// Building an Intl formatter is far dearer than using one (a long table formats thousands of
// numbers per render), so each (locale, options) formatter is made once.
const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(loc: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${loc}|${JSON.stringify(opts)}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(loc, opts);
    formatters.set(key, f);
  }
  return f;
}

export function i18n(l: Lang): I18n {
  const loc = locales[l];
  return {
    lang: l,
    t: (key, vars) => translate(l, key, vars),
    tOr: (key, fallback, vars) => (hasKey(key) ? translate(l, key, vars) : fallback),
    num: (n, digits = 0) =>
      numberFormat(loc, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n),
    pct: (share, digits = 1) =>
      numberFormat(loc, {
        style: 'percent',
        // The same number of decimals on every share ("0,0 %" beside "0,8 %"), so columns compare.
        maximumFractionDigits: digits,
        minimumFractionDigits: digits,
      }).format(share),
    sek: (n) => numberFormat(loc, { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 }).format(n),
    date: (iso) =>
      new Date(`${iso}T12:00:00Z`).toLocaleDateString(loc, {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        timeZone: 'UTC',
      }),
  };
}

export function useI18n(): I18n {
  return i18n(useStore(lang));
}
