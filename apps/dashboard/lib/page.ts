import { parseFilters, type Parsed } from './filters';

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function filtersFrom(searchParams: SearchParams): Promise<Parsed> {
  return parseFilters(await searchParams);
}
