/**
 * Every expected failure carries a stable machine-readable `code` (e.g. `geo.outside_all_grids`)
 * plus the data needed to explain it. The api layer maps codes to HTTP status and zh/en messages.
 */
export type DomainError = { readonly code: string; readonly details?: Record<string, unknown> };
