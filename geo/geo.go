package geo

import (
	"github.com/paulmach/orb"
)

// AreaID identifies an area. The scheme is the CBS code with its prefix:
// "GM0363" (municipality Amsterdam), "PV27" (province Noord-Holland),
// "VR13" (safety region Amsterdam-Amstelland), and "PC4-1071" for a
// four-digit postcode area. Districts and neighbourhoods use the CBS "WK"
// and "BU" codes. The empty AreaID means "no area".
type AreaID string

// Level is the administrative level of an area.
type Level uint8

// Levels, from coarse to fine. The zero Level is invalid.
const (
	LevelProvince      Level = iota + 1 // provincie (PV)
	LevelSafetyRegion                   // veiligheidsregio (VR)
	LevelMunicipality                   // gemeente (GM)
	LevelDistrict                       // wijk (WK), reserved
	LevelNeighbourhood                  // buurt (BU), reserved
	LevelPC4                            // four-digit postcode area
)

// Role says what a location is evidence of. The three roles are never
// mixed: a geotag says where a post was sent from, not what it is about.
type Role uint8

// Roles.
const (
	RoleFrom  Role = iota + 1 // where the post was sent from (geotag, platform place)
	RoleHome                  // where the author lives (profile location)
	RoleAbout                 // which place the post talks about (text, hashtags, postcodes)
)

// Method says how a location was found.
type Method uint8

// Methods.
const (
	MethodGeotag   Method = iota + 1 // device coordinates, point in polygon
	MethodPlace                      // platform place (name + bounding box)
	MethodText                       // place name or alias in the text
	MethodHashtag                    // place name in a hashtag
	MethodPostcode                   // postcode in the text
	MethodProfile                    // author's profile location text
)

// Location is one piece of location evidence for a post.
type Location struct {
	Area   AreaID // the area found
	Level  Level  // its level
	Role   Role   // what it is evidence of
	Method Method // how it was found
	// Confidence in [0, 1] that the post has this role in this area.
	Confidence float64
	// Point is the exact point when the evidence was one (geotag), else nil.
	Point *orb.Point
	// Start and End are byte offsets of the evidence in the text it came
	// from (post text for about, profile location for home); both 0 when
	// the evidence was not text.
	Start, End int
}

// Area is one administrative area with its geometry.
type Area struct {
	ID    AreaID
	Name  string
	Level Level
	// Parents lists the areas that contain this one at coarser levels
	// (municipality → safety region and province).
	Parents []AreaID
	// Geometry is the boundary in WGS84 [lon, lat]; empty when only a
	// representative point is known (PC4 centroids in the default data).
	Geometry orb.MultiPolygon
	// Bound is the bounding box of Geometry (or of Point when there is no
	// geometry).
	Bound orb.Bound
	// Point is a representative point inside the area.
	Point orb.Point
	// Population is the number of inhabitants, 0 when unknown.
	Population int
	// PopulationYear is the reference year of Population, 0 when unknown.
	PopulationYear int
}

var (
	levelNames  = [...]string{"?", "province", "safety-region", "municipality", "district", "neighbourhood", "pc4"}
	roleNames   = [...]string{"?", "from", "home", "about"}
	methodNames = [...]string{"?", "geotag", "place", "text", "hashtag", "postcode", "profile"}
)

// String returns the level's lower-case name ("municipality", "pc4"), or
// "?" for an invalid level.
func (l Level) String() string {
	if int(l) < len(levelNames) {
		return levelNames[l]
	}
	return "?"
}

// String returns the role's lower-case name ("from", "home", "about"), or
// "?" for an invalid role.
func (r Role) String() string {
	if int(r) < len(roleNames) {
		return roleNames[r]
	}
	return "?"
}

// String returns the method's lower-case name ("geotag", "text" …), or "?"
// for an invalid method.
func (m Method) String() string {
	if int(m) < len(methodNames) {
		return methodNames[m]
	}
	return "?"
}
