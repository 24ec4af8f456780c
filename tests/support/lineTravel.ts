import type { TravelModel } from '../../electron/core/support/types';

/** A line world: travel takes 1,000 s per degree of longitude, for every kind. */
export const lineTravel: TravelModel = {
  name: 'line',
  priceAll: (dest, units) =>
    units.map((u) => ({
      unitId: u.id,
      etaS: Math.abs(u.lonLat[0] - dest[0]) * 1000,
      distanceM: 0,
      route: [u.lonLat, dest],
    })),
};
