# Adder Lab. Each target sets up whatever is missing first (scripts/bootstrap.sh).
.PHONY: serve test build bootstrap bundle-size bench-web bench-server images scorm

serve:        ## build and serve the app with live reload at http://127.0.0.1:8080/
	@scripts/serve.sh

test:         ## every test: fmt, clippy, native, component (browser), end-to-end (browser)
	@scripts/test.sh

build:        ## the release build in dist/, with its size per file
	@scripts/build.sh

bootstrap:    ## install only what is missing for building and testing
	@scripts/bootstrap.sh test

scorm:        ## the course packages packages/adder-lab-scorm12.zip and -scorm2004.zip (SCORE=1: report a score)
	@scripts/scorm.sh

bundle-size:  ## the size of the last release build, raw and gzipped
	@scripts/bundle-size.sh dist

bench-web:    ## release bundle size, frame and seek script time (both pages), Lighthouse mobile, in headless Chromium
	@scripts/bench-web.sh

bench-server: ## adder-lab-server natively: requests/s per store, the checker per 10^6 lines, the driver's overhead
	@scripts/bench-server.sh

# The images the lab's manifests name, read from the one place they are set.
IMAGES := $(shell sed -n 's/^pub const \(IMAGE\|CONVERTER_IMAGE\|DATABASE_IMAGE\): &str = "\(.*\)";/\2/p' model/src/playground/manifests.rs)
images:       ## build adder-lab-server's images (adder, converter, db) with docker; DOCKER=podman works too
	@for image in $(IMAGES); do \
	  target=$${image##*/}; target=$${target%%:*}; \
	  echo "building $$image (Dockerfile target $$target)"; \
	  $${DOCKER:-docker} build --target $$target -t $$image . || exit 1; \
	done
