//! A decoded H.264 picture as YUV 4:2:0 planes, the colour rules that turn it into RGB, and
//! the CPU conversion (screenshots, the egui fallback, and the reference the GPU shader is
//! tested against). The live viewer converts on the GPU (`viewer::yuv`) with the same
//! [`YuvCoefficients`].

use lifeline_protocol::video::{MAX_DIMENSION, RgbaImage};
use thiserror::Error;

/// Which RGB ↔ YCbCr matrix the encoder used (the SPS's VUI `matrix_coefficients`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum YuvMatrix {
    /// ITU-R BT.601 (SD; what Android's encoders use unless the VUI says otherwise).
    #[default]
    Bt601,
    /// ITU-R BT.709 (HD).
    Bt709,
    /// ITU-R BT.2020, non-constant luminance.
    Bt2020,
}

impl YuvMatrix {
    /// The matrix named by an H.264 VUI `matrix_coefficients` value; unspecified, reserved
    /// and unusual values fall back to BT.601.
    pub fn from_h264(matrix_coefficients: u8) -> Self {
        match matrix_coefficients {
            1 => Self::Bt709,
            9 | 10 => Self::Bt2020,
            // 5, 6 (BT.601 625/525), 2 (unspecified) and everything else.
            _ => Self::Bt601,
        }
    }

    /// The luma weights (Kr, Kb).
    fn weights(self) -> (f32, f32) {
        match self {
            Self::Bt601 => (0.299, 0.114),
            Self::Bt709 => (0.2126, 0.0722),
            Self::Bt2020 => (0.2627, 0.0593),
        }
    }
}

/// How a picture's YUV samples map to RGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct YuvColor {
    /// The matrix.
    pub matrix: YuvMatrix,
    /// Full range (0–255) rather than limited ("video") range (Y 16–235, chroma 16–240).
    pub full_range: bool,
}

impl YuvColor {
    /// BT.601, limited range: what Android encoders emit unless the VUI says otherwise.
    pub const BT601_LIMITED: Self = Self {
        matrix: YuvMatrix::Bt601,
        full_range: false,
    };

    /// The conversion as offsets and three rows, on samples normalised to 0..=1.
    pub fn coefficients(self) -> YuvCoefficients {
        let (kr, kb) = self.matrix.weights();
        let kg = 1.0 - kr - kb;
        let (y_offset, y_scale, c_scale) = if self.full_range {
            (0.0, 1.0, 1.0)
        } else {
            (16.0 / 255.0, 255.0 / 219.0, 255.0 / 224.0)
        };
        let rv = 2.0 * (1.0 - kr) * c_scale;
        let bu = 2.0 * (1.0 - kb) * c_scale;
        let gu = -2.0 * kb * (1.0 - kb) / kg * c_scale;
        let gv = -2.0 * kr * (1.0 - kr) / kg * c_scale;
        YuvCoefficients {
            offset: [y_offset, 128.0 / 255.0, 128.0 / 255.0],
            r: [y_scale, 0.0, rv],
            g: [y_scale, gu, gv],
            b: [y_scale, bu, 0.0],
        }
    }
}

/// `rgb = (row · (yuv − offset))` for each of R, G, B, with Y, U, V and the result in 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YuvCoefficients {
    /// Subtracted from (Y, U, V) first.
    pub offset: [f32; 3],
    /// Weights of (Y, U, V) for red.
    pub r: [f32; 3],
    /// Weights of (Y, U, V) for green.
    pub g: [f32; 3],
    /// Weights of (Y, U, V) for blue.
    pub b: [f32; 3],
}

impl YuvCoefficients {
    /// One pixel, 8-bit in and out (rounded to nearest, clamped).
    pub fn rgb(&self, y: u8, u: u8, v: u8) -> [u8; 3] {
        let s = [
            f32::from(y) / 255.0 - self.offset[0],
            f32::from(u) / 255.0 - self.offset[1],
            f32::from(v) / 255.0 - self.offset[2],
        ];
        let dot = |row: &[f32; 3]| row[0] * s[0] + row[1] * s[1] + row[2] * s[2];
        let to_u8 = |x: f32| (x.clamp(0.0, 1.0) * 255.0 + 0.5) as u8;
        [
            to_u8(dot(&self.r)),
            to_u8(dot(&self.g)),
            to_u8(dot(&self.b)),
        ]
    }
}

/// Why planes could not be taken.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum YuvError {
    /// Width or height is zero or too large.
    #[error("picture size {width}x{height} is outside 1..={MAX_DIMENSION} on a side")]
    BadSize {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// A plane is shorter than its size and stride need, or its stride is below its width.
    #[error("the {plane} plane has {actual} bytes with stride {stride}; {needed} are needed")]
    ShortPlane {
        /// "Y", "U" or "V".
        plane: &'static str,
        /// Row stride given.
        stride: usize,
        /// Bytes needed.
        needed: usize,
        /// Bytes given.
        actual: usize,
    },
}

/// Chroma plane size of a `width`×`height` 4:2:0 picture (odd sides round up).
pub fn chroma_size(width: u32, height: u32) -> (u32, u32) {
    (width.div_ceil(2), height.div_ceil(2))
}

/// Decoder output borrowed as it is: three planes with their row strides. `width`×`height` is
/// the part to take from the top-left corner (the picture, or less of it when cropping).
#[derive(Debug, Clone, Copy)]
pub struct YuvPlanes<'a> {
    /// Width taken, in pixels.
    pub width: u32,
    /// Height taken, in pixels.
    pub height: u32,
    /// Luma rows, `y_stride` bytes apart.
    pub y: &'a [u8],
    /// Bytes from one luma row to the next.
    pub y_stride: usize,
    /// Cb rows, `uv_stride` bytes apart.
    pub u: &'a [u8],
    /// Cr rows, `uv_stride` bytes apart.
    pub v: &'a [u8],
    /// Bytes from one chroma row to the next.
    pub uv_stride: usize,
    /// How the samples map to RGB.
    pub color: YuvColor,
}

fn check_plane(
    plane: &'static str,
    data: &[u8],
    stride: usize,
    (width, height): (u32, u32),
) -> Result<(), YuvError> {
    let (width, height) = (width as usize, height as usize);
    let needed = (height - 1) * stride + width;
    if stride < width || data.len() < needed {
        return Err(YuvError::ShortPlane {
            plane,
            stride,
            needed,
            actual: data.len(),
        });
    }
    Ok(())
}

impl YuvPlanes<'_> {
    /// Checks the size and that every plane holds what its stride says.
    pub fn validate(&self) -> Result<(), YuvError> {
        let (width, height) = (self.width, self.height);
        if width == 0 || height == 0 || width > MAX_DIMENSION || height > MAX_DIMENSION {
            return Err(YuvError::BadSize { width, height });
        }
        let chroma = chroma_size(width, height);
        check_plane("Y", self.y, self.y_stride, (width, height))?;
        check_plane("U", self.u, self.uv_stride, chroma)?;
        check_plane("V", self.v, self.uv_stride, chroma)
    }
}

/// A YUV 4:2:0 picture with tightly packed planes (strides equal widths; chroma sides are
/// the luma sides halved, rounded up).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct YuvImage {
    width: u32,
    height: u32,
    y: Vec<u8>,
    u: Vec<u8>,
    v: Vec<u8>,
    color: YuvColor,
}

impl std::fmt::Debug for YuvImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("YuvImage")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("color", &self.color)
            .finish_non_exhaustive()
    }
}

fn copy_plane(dst: &mut Vec<u8>, src: &[u8], stride: usize, (width, height): (u32, u32)) {
    let (width, height) = (width as usize, height as usize);
    // Same size as before: no allocation.
    dst.resize(width * height, 0);
    if stride == width {
        dst.copy_from_slice(&src[..width * height]);
        return;
    }
    for (row, out) in dst.chunks_exact_mut(width).enumerate() {
        let start = row * stride;
        out.copy_from_slice(&src[start..start + width]);
    }
}

impl YuvImage {
    /// A copy of `planes`, validated.
    pub fn from_planes(planes: &YuvPlanes<'_>) -> Result<Self, YuvError> {
        let mut image = Self::default();
        image.copy_from(planes)?;
        Ok(image)
    }

    /// Replaces this picture with `planes`, reusing the buffers when the size is unchanged.
    /// On error the picture is left as it was.
    pub fn copy_from(&mut self, planes: &YuvPlanes<'_>) -> Result<(), YuvError> {
        planes.validate()?;
        let size = (planes.width, planes.height);
        let chroma = chroma_size(planes.width, planes.height);
        copy_plane(&mut self.y, planes.y, planes.y_stride, size);
        copy_plane(&mut self.u, planes.u, planes.uv_stride, chroma);
        copy_plane(&mut self.v, planes.v, planes.uv_stride, chroma);
        (self.width, self.height) = size;
        self.color = planes.color;
        Ok(())
    }

    /// This picture as [`YuvPlanes`].
    pub fn planes(&self) -> YuvPlanes<'_> {
        let (chroma_width, _) = chroma_size(self.width, self.height);
        YuvPlanes {
            width: self.width,
            height: self.height,
            y: &self.y,
            y_stride: self.width as usize,
            u: &self.u,
            v: &self.v,
            uv_stride: chroma_width as usize,
            color: self.color,
        }
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The chroma planes' size.
    pub fn chroma_size(&self) -> (u32, u32) {
        chroma_size(self.width, self.height)
    }

    /// The luma plane, `width` bytes a row.
    pub fn y(&self) -> &[u8] {
        &self.y
    }

    /// The Cb plane, `chroma_size().0` bytes a row.
    pub fn u(&self) -> &[u8] {
        &self.u
    }

    /// The Cr plane, `chroma_size().0` bytes a row.
    pub fn v(&self) -> &[u8] {
        &self.v
    }

    /// How the samples map to RGB.
    pub fn color(&self) -> YuvColor {
        self.color
    }

    /// Bytes held by the three planes.
    pub fn byte_len(&self) -> usize {
        self.y.len() + self.u.len() + self.v.len()
    }

    /// Converts to RGBA on the CPU (each pixel takes the chroma sample of its 2×2 block).
    pub fn to_rgba(&self) -> Option<RgbaImage> {
        let mut image = RgbaImage::new(self.width, self.height).ok()?;
        self.write_rgba(&mut image);
        Some(image)
    }

    /// Converts into `target`, which must have this picture's size (otherwise nothing is
    /// written).
    pub fn write_rgba(&self, target: &mut RgbaImage) {
        if (target.width(), target.height()) != (self.width, self.height) {
            return;
        }
        let k = self.color.coefficients();
        let width = self.width as usize;
        let (chroma_width, _) = self.chroma_size();
        let chroma_width = chroma_width as usize;
        let rows = target.data_mut().chunks_exact_mut(width * 4);
        for (row, out) in rows.enumerate() {
            let luma = &self.y[row * width..(row + 1) * width];
            let chroma = (row / 2) * chroma_width;
            let (u, v) = (
                &self.u[chroma..chroma + chroma_width],
                &self.v[chroma..chroma + chroma_width],
            );
            for (x, (pixel, &y)) in out.chunks_exact_mut(4).zip(luma).enumerate() {
                let [r, g, b] = k.rgb(y, u[x / 2], v[x / 2]);
                pixel.copy_from_slice(&[r, g, b, 255]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bt601_limited_maps_the_video_range_to_black_and_white() {
        let k = YuvColor::BT601_LIMITED.coefficients();
        assert_eq!(k.rgb(16, 128, 128), [0, 0, 0]);
        assert_eq!(k.rgb(235, 128, 128), [255, 255, 255]);
        assert_eq!(k.rgb(0, 128, 128), [0, 0, 0], "below black clamps");
        // BT.601 red (R'=1): Y 81, Cb 90, Cr 240.
        let red = k.rgb(81, 90, 240);
        assert!(red[0] >= 253 && red[1] <= 2 && red[2] <= 2, "{red:?}");
        // The classic integer formula: R = 1.164 (Y-16) + 1.596 (V-128).
        let [r, g, b] = k.rgb(120, 100, 160);
        let fr = 1.164 * 104.0 + 1.596 * 32.0;
        let fg = 1.164 * 104.0 - 0.392 * -28.0 - 0.813 * 32.0;
        let fb = 1.164 * 104.0 + 2.017 * -28.0;
        for (got, want) in [(r, fr), (g, fg), (b, fb)] {
            assert!((f32::from(got) - want).abs() <= 1.0, "{got} vs {want}");
        }
    }

    #[test]
    fn full_range_and_bt709_differ_from_the_default() {
        let full = YuvColor {
            matrix: YuvMatrix::Bt601,
            full_range: true,
        }
        .coefficients();
        assert_eq!(full.rgb(0, 128, 128), [0, 0, 0]);
        assert_eq!(full.rgb(255, 128, 128), [255, 255, 255]);
        assert_eq!(full.rgb(128, 128, 128), [128, 128, 128]);
        let bt709 = YuvColor {
            matrix: YuvMatrix::Bt709,
            full_range: false,
        }
        .coefficients();
        // BT.709 R = 1.164 (Y-16) + 1.793 (V-128).
        let [r, ..] = bt709.rgb(120, 128, 160);
        assert!((f32::from(r) - (1.164 * 104.0 + 1.793 * 32.0)).abs() <= 1.0);
        assert_eq!(YuvMatrix::from_h264(1), YuvMatrix::Bt709);
        assert_eq!(YuvMatrix::from_h264(6), YuvMatrix::Bt601);
        assert_eq!(YuvMatrix::from_h264(2), YuvMatrix::Bt601);
        assert_eq!(YuvMatrix::from_h264(9), YuvMatrix::Bt2020);
    }

    /// A 3×3 picture whose planes sit in larger, strided buffers.
    fn strided() -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let mut y = vec![0u8; 8 * 3];
        for row in 0..3 {
            for x in 0..3 {
                y[row * 8 + x] = 16 + (row * 3 + x) as u8 * 20;
            }
        }
        let mut u = vec![0u8; 4 * 2];
        let mut v = vec![0u8; 4 * 2];
        for row in 0..2 {
            for x in 0..2 {
                u[row * 4 + x] = 100 + (row * 2 + x) as u8;
                v[row * 4 + x] = 150 + (row * 2 + x) as u8;
            }
        }
        (y, u, v)
    }

    /// [`strided`]'s planes as a 3×3 picture, in `color`.
    fn strided_planes<'a>(y: &'a [u8], u: &'a [u8], v: &'a [u8], color: YuvColor) -> YuvPlanes<'a> {
        YuvPlanes {
            width: 3,
            height: 3,
            y,
            y_stride: 8,
            u,
            v,
            uv_stride: 4,
            color,
        }
    }

    #[test]
    fn odd_sizes_and_strides_are_copied_tightly() {
        let (y, u, v) = strided();
        let planes = strided_planes(&y, &u, &v, YuvColor::BT601_LIMITED);
        let image = YuvImage::from_planes(&planes).unwrap();
        assert_eq!(image.chroma_size(), (2, 2));
        assert_eq!(image.y(), &[16, 36, 56, 76, 96, 116, 136, 156, 176]);
        assert_eq!(image.u(), &[100, 101, 102, 103]);
        assert_eq!(image.v(), &[150, 151, 152, 153]);
        assert_eq!(image.byte_len(), 9 + 4 + 4);
        let rgba = image.to_rgba().unwrap();
        let k = YuvColor::BT601_LIMITED.coefficients();
        // (2, 2) takes the chroma of block (1, 1).
        let [r, g, b] = k.rgb(176, 103, 153);
        assert_eq!(rgba.pixel(2, 2), Some([r, g, b, 255]));
        let [r, g, b] = k.rgb(36, 100, 150);
        assert_eq!(rgba.pixel(1, 0), Some([r, g, b, 255]));
    }

    #[test]
    fn short_planes_and_bad_sizes_are_errors_not_panics() {
        let (y, u, v) = strided();
        let good = strided_planes(&y, &u, &v, YuvColor::default());
        let mut image = YuvImage::from_planes(&good).unwrap();
        let short = YuvPlanes {
            y: &y[..18],
            ..good
        };
        assert!(matches!(
            image.copy_from(&short),
            Err(YuvError::ShortPlane { plane: "Y", .. })
        ));
        let narrow = YuvPlanes {
            uv_stride: 1,
            ..good
        };
        assert!(matches!(
            image.copy_from(&narrow),
            Err(YuvError::ShortPlane { plane: "U", .. })
        ));
        let empty = YuvPlanes { width: 0, ..good };
        assert_eq!(
            image.copy_from(&empty),
            Err(YuvError::BadSize {
                width: 0,
                height: 3
            })
        );
        assert_eq!(image.width(), 3, "an error leaves the picture as it was");
        assert_eq!(image.y()[8], 176);
    }

    #[test]
    fn same_size_reuses_the_buffers() {
        let (y, u, v) = strided();
        let planes = strided_planes(&y, &u, &v, YuvColor::default());
        let mut image = YuvImage::from_planes(&planes).unwrap();
        let before = image.y().as_ptr();
        image.copy_from(&planes).unwrap();
        assert_eq!(image.y().as_ptr(), before);
    }
}
