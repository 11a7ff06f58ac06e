/**
 * The mock's `/favicon.ico`: a browser asks for it on every page, and a 404 there is a console error on
 * the consent page. Drawn here (the brand's red rounded square with a white play triangle, 16×16,
 * 32-bit) so the package ships no binary file.
 */

const SIZE = 16;
const RED = [0x3b, 0x38, 0xe5, 0xff]; // #e5383b as BGRA
const WHITE = [0xff, 0xff, 0xff, 0xff];
const CLEAR = [0, 0, 0, 0];

/** Inside the play triangle (5,4)–(5,12)–(12,8), for a pixel centre (top-down coordinates). */
function inTriangle(x: number, y: number): boolean {
  return x >= 5 && x <= 12 && Math.abs(y - 8) <= ((12 - x) * 4) / 7;
}

/** Outside the rounded corners (radius 3). */
function inSquare(x: number, y: number): boolean {
  const dx = Math.max(3 - x, x - (SIZE - 3), 0);
  const dy = Math.max(3 - y, y - (SIZE - 3), 0);
  return dx * dx + dy * dy <= 9;
}

let icon: Uint8Array<ArrayBuffer> | undefined;

/** The ICO file: one 16×16 32-bit image (BMP header, bottom-up BGRA pixels, an empty AND mask). */
export function faviconIco(): Uint8Array<ArrayBuffer> {
  if (icon) return icon;
  const pixels = SIZE * SIZE * 4;
  const mask = SIZE * 4; // 16 rows of 16 bits, each padded to 32
  const image = 40 + pixels + mask;
  const bytes = new Uint8Array(6 + 16 + image);
  const view = new DataView(bytes.buffer);
  view.setUint16(2, 1, true); // type: icon
  view.setUint16(4, 1, true); // one image
  bytes[6] = SIZE;
  bytes[7] = SIZE;
  view.setUint16(10, 1, true); // planes
  view.setUint16(12, 32, true); // bits per pixel
  view.setUint32(14, image, true);
  view.setUint32(18, 22, true); // where the image starts
  view.setUint32(22, 40, true); // BITMAPINFOHEADER
  view.setInt32(26, SIZE, true);
  view.setInt32(30, SIZE * 2, true); // the colour rows and the mask rows
  view.setUint16(34, 1, true);
  view.setUint16(36, 32, true);
  for (let row = 0; row < SIZE; row++) {
    const y = SIZE - 1 - row + 0.5; // bottom-up
    for (let column = 0; column < SIZE; column++) {
      const x = column + 0.5;
      const colour = !inSquare(x, y) ? CLEAR : inTriangle(x, y) ? WHITE : RED;
      bytes.set(colour, 62 + (row * SIZE + column) * 4);
    }
  }
  icon = bytes;
  return icon;
}
