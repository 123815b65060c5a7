/**
 * Formats schedule window bounds with the date patterns connection specs use (`yyyy-MM-ddTHH:mm:ssZ`,
 * `yyyy-MM-ddTHH:mm:ss:fffffffK`): .NET-style custom format tokens, always in UTC. Written here rather than taken
 * from a date library because those speak Unicode/Java tokens (`SSS`, `XXX`) and would misread `fffffff` and `K`.
 *
 * Tokens: `yyyy` `yy` `MM` `M` `dd` `d` `HH` `H` `hh` `h` `mm` `m` `ss` `s`, `f`…`fffffff` (fraction digits),
 * `SSS` (milliseconds, Java style), `K` (`Z` in UTC), `zzz` (`+00:00`), `tt` (AM/PM); text in '…' or "…" and any
 * other character are literal (so the `T` and `Z` in `yyyy-MM-ddTHH:mm:ssZ` stay as written).
 */

const TOKEN = /'[^']*'|"[^"]*"|\\.|yyyy|yy|MM|M|dd|d|HH|H|hh|h|mm|m|ss|s|f{1,7}|S{1,3}|K|zzz|tt/g;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The ISO form used when a spec gives no format: `2024-05-01T00:00:00Z`. */
export const DEFAULT_DATE_FORMAT = 'yyyy-MM-ddTHH:mm:ssZ';

/** Formats `date` (UTC) with `format` (default `DEFAULT_DATE_FORMAT`). */
export function formatDate(date: Date, format: string = DEFAULT_DATE_FORMAT): string {
  const ms = date.getUTCMilliseconds();
  return format.replace(TOKEN, (token) => {
    switch (token) {
      case 'yyyy': return pad(date.getUTCFullYear(), 4);
      case 'yy': return pad(date.getUTCFullYear() % 100, 2);
      case 'MM': return pad(date.getUTCMonth() + 1, 2);
      case 'M': return String(date.getUTCMonth() + 1);
      case 'dd': return pad(date.getUTCDate(), 2);
      case 'd': return String(date.getUTCDate());
      case 'HH': return pad(date.getUTCHours(), 2);
      case 'H': return String(date.getUTCHours());
      case 'hh': return pad(date.getUTCHours() % 12 || 12, 2);
      case 'h': return String(date.getUTCHours() % 12 || 12);
      case 'mm': return pad(date.getUTCMinutes(), 2);
      case 'm': return String(date.getUTCMinutes());
      case 'ss': return pad(date.getUTCSeconds(), 2);
      case 's': return String(date.getUTCSeconds());
      case 'K': return 'Z';
      case 'zzz': return '+00:00';
      case 'tt': return date.getUTCHours() < 12 ? 'AM' : 'PM';
      default:
        if (token[0] === 'f' || token[0] === 'S') return (pad(ms, 3) + '0000').slice(0, token.length);
        if (token[0] === '\\') return token.slice(1);
        return token.slice(1, -1); // quoted literal
    }
  });
}
