"""Site stage: Pelican's articles -> the site model, its pages, feeds, charts and search."""
