// Side-effect imports of style sheets (uPlot's CSS); vite bundles them.
declare module '*.css';
