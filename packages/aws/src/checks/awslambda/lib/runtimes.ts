/**
 * Lambda managed runtimes and the date AWS deprecates (stops patching) each of them, from the
 * AWS Lambda runtimes page (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).
 * Last reviewed: 2026-02. Dates in the future are upcoming deprecations; the check compares
 * them with the scan time. Add new entries here when AWS announces them, or extend the list
 * at scan time with the check's options.
 */
export const RUNTIME_DEPRECATION_DATES: Readonly<Record<string, string>> = {
  // Node.js
  nodejs: '2016-10-31',
  'nodejs4.3': '2020-03-05',
  'nodejs4.3-edge': '2019-04-30',
  'nodejs6.10': '2019-08-12',
  'nodejs8.10': '2020-03-06',
  'nodejs10.x': '2021-07-30',
  'nodejs12.x': '2023-03-31',
  'nodejs14.x': '2023-12-04',
  'nodejs16.x': '2024-06-12',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
  'nodejs22.x': '2027-04-30',
  // Python
  'python2.7': '2021-07-15',
  'python3.6': '2022-07-18',
  'python3.7': '2023-12-04',
  'python3.8': '2024-10-14',
  'python3.9': '2025-12-15',
  'python3.10': '2026-06-30',
  // Java
  java8: '2024-01-08',
  'java8.al2': '2026-06-30',
  java11: '2026-06-30',
  // .NET
  'dotnetcore1.0': '2019-07-30',
  'dotnetcore2.0': '2019-05-30',
  'dotnetcore2.1': '2022-01-05',
  'dotnetcore3.1': '2023-04-03',
  dotnet6: '2024-12-20',
  dotnet7: '2024-05-14',
  dotnet8: '2026-11-10',
  // Ruby
  'ruby2.5': '2021-07-30',
  'ruby2.7': '2023-12-07',
  'ruby3.2': '2026-03-31',
  // Go and OS-only
  'go1.x': '2024-01-08',
  provided: '2024-01-08',
  'provided.al2': '2026-06-30',
};

export interface RuntimeStatus {
  deprecated: boolean;
  /** ISO date of the (past or upcoming) deprecation, when known. */
  deprecationDate?: string;
}

/**
 * Whether `runtime` is deprecated at `now`. `extraDeprecated` names runtimes to treat as
 * deprecated whatever the table says; `deprecationDates` adds or overrides dates.
 */
export function runtimeStatus(
  runtime: string,
  now: Date,
  o: { extraDeprecated?: readonly string[]; deprecationDates?: Readonly<Record<string, string>> } = {},
): RuntimeStatus {
  if (o.extraDeprecated?.includes(runtime)) return { deprecated: true };
  const date = o.deprecationDates?.[runtime] ?? RUNTIME_DEPRECATION_DATES[runtime];
  if (!date) return { deprecated: false };
  const at = Date.parse(`${date}T00:00:00Z`);
  return { deprecated: !Number.isNaN(at) && at <= now.getTime(), deprecationDate: date };
}
