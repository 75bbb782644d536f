/** The shop's product catalogue, shared by the services and the traffic generator. */

export interface Product { id: string; name: string; priceCents: number }

const NAMES = ['Trail running shoes', 'Rain jacket', 'Merino socks', 'Headlamp', 'Water bottle', 'Daypack 20L', 'Trekking poles', 'Sun hat', 'Fleece pullover', 'Camp mug', 'First-aid kit', 'Dry bag', 'Gaiters', 'Insulated vest', 'Map case', 'Compass'];

export const PRODUCTS: readonly Product[] = NAMES.map((name, i) => ({ id: `p-${String(i + 1).padStart(3, '0')}`, name, priceCents: 900 + ((i * 1733) % 14000) }));

/** The product with this id, if it exists. */
export function findProduct(id: string): Product | undefined {
  return PRODUCTS.find((p) => p.id === id);
}
