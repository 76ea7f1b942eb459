/** A loaded signal on an hourly time axis: values[i] is the hour `start` + i h. */
export interface HourlySeries<Quirks> {
  /** One value per hour, oldest first. */
  readonly values: Float64Array;
  /** The first hour as an ISO 8601 UTC timestamp. */
  readonly start: string;
  /** What the loader found and repaired in the file (counts), so callers can report it. */
  readonly quirks: Quirks;
}
