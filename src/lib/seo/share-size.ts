/** The share images' size: what Open Graph and Twitter's large card show without cropping. */
export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 } as const;
