//! OCR of image-only PDF pages with tesseract. (Being written.)
