// The umbrella module: `import Raster` gives the whole public API.
@_exported import RasterCore
@_exported import RasterDeflate
@_exported import RasterJPEG
@_exported import RasterPNG
@_exported import RasterJPEG
@_exported import RasterResample
