import { z } from 'zod';

/** WGS-84 [lon, lat] in range. */
export const lonLatTuple = z
  .tuple([z.number().finite().min(-180).max(180), z.number().finite().min(-90).max(90)])
  .readonly();
