// Realistic events for the pattern benchmark: ECR image actions, application order events and
// GeoJSON-like city-lot features with coordinate arrays (the shape event-ruler benchmarks on).

export function ecrEvent(i: number): string {
  return JSON.stringify({
    version: '0',
    id: `6f8b2a1c-${i}`,
    'detail-type': 'ECR Image Action',
    source: 'aws.ecr',
    account: '123456789012',
    time: '2024-05-01T12:00:00Z',
    region: i % 2 ? 'us-east-1' : 'eu-west-1',
    resources: [`arn:aws:ecr:us-east-1:123456789012:repository/app-${i % 50}`],
    detail: {
      result: i % 10 ? 'SUCCESS' : 'FAILURE',
      'repository-name': `team-${i % 7}/app-${i % 50}`,
      'image-digest': `sha256:${(i * 2654435761).toString(16).padStart(12, '0')}deadbeefcafe`,
      'action-type': i % 3 ? 'PUSH' : 'DELETE',
      'image-tag': `v1.${i % 20}.${i % 9}`,
      'source-ip': `10.${i % 4}.${i % 200}.${i % 250}`,
      size: 1000000 + (i % 5000) * 137,
      layers: [
        { digest: 'sha256:aaa', size: 1234 + (i % 7), mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' },
        { digest: 'sha256:bbb', size: 98765, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' },
      ],
    },
  });
}

export function appEvent(i: number): string {
  return JSON.stringify({
    version: '0',
    id: `a1-${i}`,
    'detail-type': i % 4 ? 'OrderPlaced' : 'OrderCancelled',
    source: `com.shop.orders`,
    account: '123456789012',
    time: '2024-05-01T12:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      orderId: `o-${i}`,
      customer: { id: `c-${i % 997}`, tier: ['gold', 'silver', 'bronze'][i % 3], country: ['DE', 'US', 'FR', 'JP'][i % 4] },
      total: (i % 500) + 0.99,
      currency: 'EUR',
      items: [
        { sku: `SKU-${i % 100}`, qty: 1 + (i % 3), price: 9.99 },
        { sku: `SKU-${(i + 7) % 100}`, qty: 2, price: 19.5 },
      ],
      coupon: i % 5 ? null : 'SPRING',
    },
  });
}

export function geoEvent(i: number): string {
  const ring: number[][] = [];
  for (let k = 0; k < 12; k++) ring.push([-122.41 - k * 0.0001 - i * 1e-7, 37.8 + k * 0.0001, 0]);
  return JSON.stringify({
    version: '0',
    id: `g-${i}`,
    'detail-type': 'Feature',
    source: 'sf.citylots',
    account: '123456789012',
    time: '2024-05-01T12:00:00Z',
    region: 'us-west-2',
    resources: [],
    detail: {
      type: 'Feature',
      properties: {
        MAPBLKLOT: `${1000 + (i % 900)}${(i % 50).toString().padStart(3, '0')}`,
        BLKLOT: `${1000 + (i % 900)}`,
        STREET: ['JEFFERSON', 'BEACH', 'NORTH POINT', 'BAY'][i % 4],
        ODD_EVEN: i % 2 ? 'O' : 'E',
        FROM_ST: `${i % 3000}`,
      },
      geometry: { type: 'Polygon', coordinates: [ring] },
    },
  });
}
