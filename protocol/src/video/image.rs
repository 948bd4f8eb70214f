//! An owned RGBA8 image: one captured phone screen.

use thiserror::Error;

/// Bytes per pixel of [`RgbaImage`] (R, G, B, A).
pub const BYTES_PER_PIXEL: usize = 4;

/// Largest width or height accepted, in pixels. Phones top out near 3200; this leaves room
/// for tablets while keeping a corrupt header from asking for gigabytes.
pub const MAX_DIMENSION: u32 = 8192;

/// Why an image could not be built.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ImageError {
    /// Width or height is zero or above [`MAX_DIMENSION`].
    #[error("image size {width}x{height} is outside 1..={MAX_DIMENSION} on a side")]
    BadSize {
        /// Requested width.
        width: u32,
        /// Requested height.
        height: u32,
    },
    /// The pixel buffer does not hold exactly `width * height * 4` bytes.
    #[error("pixel buffer has {actual} bytes, a {width}x{height} RGBA image needs {expected}")]
    BadLength {
        /// Image width.
        width: u32,
        /// Image height.
        height: u32,
        /// Bytes needed.
        expected: usize,
        /// Bytes given.
        actual: usize,
    },
}

/// A tightly packed RGBA8 image, rows top to bottom, no padding between rows.
#[derive(Clone, PartialEq, Eq)]
pub struct RgbaImage {
    width: u32,
    height: u32,
    data: Vec<u8>,
}

impl std::fmt::Debug for RgbaImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RgbaImage")
            .field("width", &self.width)
            .field("height", &self.height)
            .finish_non_exhaustive()
    }
}

fn check_size(width: u32, height: u32) -> Result<usize, ImageError> {
    if width == 0 || height == 0 || width > MAX_DIMENSION || height > MAX_DIMENSION {
        return Err(ImageError::BadSize { width, height });
    }
    // Both sides are at most 8192, so the product fits in usize on every target we build for.
    Ok(width as usize * height as usize * BYTES_PER_PIXEL)
}

impl RgbaImage {
    /// An opaque black image.
    pub fn new(width: u32, height: u32) -> Result<Self, ImageError> {
        Self::filled(width, height, [0, 0, 0, 255])
    }

    /// An image with every pixel set to `rgba`.
    pub fn filled(width: u32, height: u32, rgba: [u8; 4]) -> Result<Self, ImageError> {
        let len = check_size(width, height)?;
        let data = rgba.iter().copied().cycle().take(len).collect();
        Ok(Self {
            width,
            height,
            data,
        })
    }

    /// Wraps an existing RGBA8 buffer.
    pub fn from_raw(width: u32, height: u32, data: Vec<u8>) -> Result<Self, ImageError> {
        let expected = check_size(width, height)?;
        if data.len() != expected {
            return Err(ImageError::BadLength {
                width,
                height,
                expected,
                actual: data.len(),
            });
        }
        Ok(Self {
            width,
            height,
            data,
        })
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// Bytes per row.
    pub fn stride(&self) -> usize {
        self.width as usize * BYTES_PER_PIXEL
    }

    /// All pixels, row-major RGBA8.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// All pixels, mutable.
    pub fn data_mut(&mut self) -> &mut [u8] {
        &mut self.data
    }

    /// Gives the pixel buffer back.
    pub fn into_raw(self) -> Vec<u8> {
        self.data
    }

    /// One row of pixels. Panics if `y >= height`, like slice indexing.
    pub fn row(&self, y: u32) -> &[u8] {
        let stride = self.stride();
        let start = y as usize * stride;
        &self.data[start..start + stride]
    }

    /// One row of pixels, mutable. Panics if `y >= height`, like slice indexing.
    pub fn row_mut(&mut self, y: u32) -> &mut [u8] {
        let stride = self.stride();
        let start = y as usize * stride;
        &mut self.data[start..start + stride]
    }

    /// The pixel at (`x`, `y`), or `None` outside the image.
    pub fn pixel(&self, x: u32, y: u32) -> Option<[u8; 4]> {
        if x >= self.width || y >= self.height {
            return None;
        }
        let i = (y as usize * self.width as usize + x as usize) * BYTES_PER_PIXEL;
        let p = self.data.get(i..i + BYTES_PER_PIXEL)?;
        Some([p[0], p[1], p[2], p[3]])
    }

    /// Sets the pixel at (`x`, `y`); does nothing outside the image.
    pub fn set_pixel(&mut self, x: u32, y: u32, rgba: [u8; 4]) {
        if x >= self.width || y >= self.height {
            return;
        }
        let i = (y as usize * self.width as usize + x as usize) * BYTES_PER_PIXEL;
        if let Some(p) = self.data.get_mut(i..i + BYTES_PER_PIXEL) {
            p.copy_from_slice(&rgba);
        }
    }

    /// Fills the rectangle at (`x`, `y`) of `w`×`h` with `rgba`, clipped to the image.
    pub fn fill_rect(&mut self, x: u32, y: u32, w: u32, h: u32, rgba: [u8; 4]) {
        let x_end = x.saturating_add(w).min(self.width);
        let y_end = y.saturating_add(h).min(self.height);
        if x >= x_end || y >= y_end {
            return;
        }
        for row in y..y_end {
            let line = self.row_mut(row);
            for px in line[x as usize * BYTES_PER_PIXEL..x_end as usize * BYTES_PER_PIXEL]
                .chunks_exact_mut(BYTES_PER_PIXEL)
            {
                px.copy_from_slice(&rgba);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_zero_and_huge_sizes() {
        assert_eq!(
            RgbaImage::new(0, 10),
            Err(ImageError::BadSize {
                width: 0,
                height: 10
            })
        );
        assert!(RgbaImage::new(10, MAX_DIMENSION + 1).is_err());
    }

    #[test]
    fn from_raw_checks_length() {
        let err = RgbaImage::from_raw(2, 2, vec![0; 15]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "pixel buffer has 15 bytes, a 2x2 RGBA image needs 16"
        );
    }

    #[test]
    fn fill_rect_clips() {
        let mut img = RgbaImage::new(4, 4).unwrap();
        img.fill_rect(2, 2, 10, 10, [1, 2, 3, 4]);
        assert_eq!(img.pixel(3, 3), Some([1, 2, 3, 4]));
        assert_eq!(img.pixel(1, 1), Some([0, 0, 0, 255]));
        assert_eq!(img.pixel(4, 0), None);
    }
}
