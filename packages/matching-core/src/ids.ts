/**
 * The id of an occupation of a loaded {@link Taxonomy} (`welder`, `electrician`), as the normaliser returns
 * it. Branded: a plain string is not one, so an id read from free text cannot be passed off as a concept
 * the taxonomy knows. Read it as a string anywhere (it is one); ids taken from data are plain strings.
 */
export type OccupationId = string & { readonly __brand: 'OccupationId' };

/**
 * The id of a licence of a loaded {@link Taxonomy} (`low-voltage-electrical`, `driving-c1`), as the
 * normaliser returns it. Branded like {@link OccupationId}, and not interchangeable with it.
 */
export type LicenceId = string & { readonly __brand: 'LicenceId' };
