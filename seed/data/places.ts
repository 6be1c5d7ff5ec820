// Patients' home areas: municipality (kommun) centroids, approximate WGS84 coordinates. Blekinge
// has only five municipalities, so a few of its larger localities (tätorter) are added as districts
// to give the travel model some spread; the same for Halland and Kronoberg.

export interface PlaceSeed {
  key: string;
  name: string;
  regionKey: string;
  lat: number;
  lon: number;
}

const p = (key: string, name: string, regionKey: string, lat: number, lon: number): PlaceSeed => ({
  key,
  name,
  regionKey,
  lat,
  lon,
});

export const PLACES: readonly PlaceSeed[] = [
  // Skåne (20 of its 33 municipalities)
  p('malmo', 'Malmö', 'skane', 55.605, 13.0),
  p('lund', 'Lund', 'skane', 55.705, 13.191),
  p('helsingborg', 'Helsingborg', 'skane', 56.046, 12.695),
  p('kristianstad', 'Kristianstad', 'skane', 56.029, 14.156),
  p('landskrona', 'Landskrona', 'skane', 55.87, 12.83),
  p('trelleborg', 'Trelleborg', 'skane', 55.376, 13.157),
  p('ystad', 'Ystad', 'skane', 55.43, 13.82),
  p('hassleholm', 'Hässleholm', 'skane', 56.159, 13.766),
  p('angelholm', 'Ängelholm', 'skane', 56.243, 12.862),
  p('eslov', 'Eslöv', 'skane', 55.839, 13.304),
  p('hoor', 'Höör', 'skane', 55.937, 13.541),
  p('sjobo', 'Sjöbo', 'skane', 55.631, 13.706),
  p('simrishamn', 'Simrishamn', 'skane', 55.557, 14.35),
  p('vellinge', 'Vellinge', 'skane', 55.471, 13.02),
  p('svedala', 'Svedala', 'skane', 55.508, 13.234),
  p('osby', 'Osby', 'skane', 56.381, 13.994),
  p('klippan', 'Klippan', 'skane', 56.134, 13.13),
  p('hoganas', 'Höganäs', 'skane', 56.2, 12.557),
  p('bastad', 'Båstad', 'skane', 56.426, 12.852),
  p('bromolla', 'Bromölla', 'skane', 56.074, 14.469),
  // Blekinge (5 municipalities + 3 localities)
  p('karlskrona', 'Karlskrona', 'blekinge', 56.161, 15.586),
  p('ronneby', 'Ronneby', 'blekinge', 56.21, 15.276),
  p('karlshamn', 'Karlshamn', 'blekinge', 56.17, 14.861),
  p('solvesborg', 'Sölvesborg', 'blekinge', 56.051, 14.575),
  p('olofstrom', 'Olofström', 'blekinge', 56.277, 14.534),
  p('lyckeby', 'Lyckeby (Karlskrona)', 'blekinge', 56.197, 15.65),
  p('jamjo', 'Jämjö (Karlskrona)', 'blekinge', 56.191, 15.843),
  p('morrum', 'Mörrum (Karlshamn)', 'blekinge', 56.19, 14.745),
  // Halland (6 municipalities + 4 localities)
  p('halmstad', 'Halmstad', 'halland', 56.674, 12.857),
  p('varberg', 'Varberg', 'halland', 57.106, 12.25),
  p('kungsbacka', 'Kungsbacka', 'halland', 57.487, 12.076),
  p('falkenberg', 'Falkenberg', 'halland', 56.905, 12.491),
  p('laholm', 'Laholm', 'halland', 56.512, 13.044),
  p('hylte', 'Hylte', 'halland', 56.993, 13.239),
  p('onsala', 'Onsala (Kungsbacka)', 'halland', 57.416, 11.993),
  p('tvaaker', 'Tvååker (Varberg)', 'halland', 57.042, 12.405),
  p('getinge', 'Getinge (Halmstad)', 'halland', 56.822, 12.733),
  p('oskarstrom', 'Oskarström (Halmstad)', 'halland', 56.803, 12.967),
  // Kronoberg (8 municipalities + 2 localities)
  p('vaxjo', 'Växjö', 'kronoberg', 56.879, 14.806),
  p('ljungby', 'Ljungby', 'kronoberg', 56.833, 13.941),
  p('almhult', 'Älmhult', 'kronoberg', 56.551, 14.137),
  p('alvesta', 'Alvesta', 'kronoberg', 56.899, 14.556),
  p('tingsryd', 'Tingsryd', 'kronoberg', 56.525, 14.979),
  p('lessebo', 'Lessebo', 'kronoberg', 56.751, 15.27),
  p('uppvidinge', 'Uppvidinge', 'kronoberg', 57.169, 15.345),
  p('markaryd', 'Markaryd', 'kronoberg', 56.461, 13.597),
  p('lammhult', 'Lammhult (Växjö)', 'kronoberg', 57.17, 14.583),
  p('ingelstad', 'Ingelstad (Växjö)', 'kronoberg', 56.744, 14.917),
];
