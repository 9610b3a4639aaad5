// Declarations only: the Foundation API that the wrappers' Objective-C code and the vendors' real headers use
// (names and signatures as in Apple's Foundation reference). No Apple SDK is available here; clang compiles the
// third-party code against these, and the linker binds the classes to a stand-in Foundation dylib.
#pragma once
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
typedef signed char BOOL;
typedef long NSInteger;
typedef unsigned long NSUInteger;
typedef double NSTimeInterval;
typedef double CGFloat;
typedef struct CGPoint { CGFloat x, y; } CGPoint;
typedef struct CGSize { CGFloat width, height; } CGSize;
typedef struct CGRect { CGPoint origin; CGSize size; } CGRect;
typedef struct _NSRange { NSUInteger location, length; } NSRange;
typedef struct __CVBuffer *CVPixelBufferRef;
typedef struct __CVBuffer *CVImageBufferRef;
typedef struct opaqueCMSampleBuffer *CMSampleBufferRef;
typedef const struct __CFString *CFStringRef;
typedef uint32_t OSType;
typedef int64_t CMTimeValue;
typedef struct { CMTimeValue value; int32_t timescale; uint32_t flags; int64_t epoch; } CMTime;
#define nil ((id)0)
#define Nil ((Class)0)
#define YES ((BOOL)1)
#define NO ((BOOL)0)
#define NS_ENUM(_type, _name) enum _name : _type _name; enum _name : _type
#define NS_OPTIONS(_type, _name) enum _name : _type _name; enum _name : _type
#define NS_ASSUME_NONNULL_BEGIN _Pragma("clang assume_nonnull begin")
#define NS_ASSUME_NONNULL_END _Pragma("clang assume_nonnull end")
#define NS_SWIFT_NAME(x)
#define NS_REFINED_FOR_SWIFT
#define NS_DESIGNATED_INITIALIZER __attribute__((objc_designated_initializer))
#define NS_UNAVAILABLE __attribute__((unavailable))
#define NS_REQUIRES_SUPER
#define NS_AVAILABLE_IOS(x)
#define NS_DEPRECATED_IOS(...)
#define API_AVAILABLE(...)
#define API_DEPRECATED(...)
#define API_UNAVAILABLE(...)
#define __deprecated __attribute__((deprecated))
#define __deprecated_msg(m) __attribute__((deprecated(m)))
#define DEPRECATED_ATTRIBUTE __attribute__((deprecated))
#define DEPRECATED_MSG_ATTRIBUTE(m) __attribute__((deprecated(m)))
typedef struct _NSZone NSZone;
#define __IPHONE_OS_VERSION_MIN_REQUIRED 140000
#define TARGET_OS_IPHONE 1
#define TARGET_OS_IOS 1
#define TARGET_OS_OSX 0
#define TARGET_OS_MAC 1
#define FOUNDATION_EXPORT extern
#define FOUNDATION_EXTERN extern
#define NSNotFound ((NSInteger)0x7fffffffffffffffL)
#define NSIntegerMax ((NSInteger)0x7fffffffffffffffL)
#define NSLog(...) NSLogv_(__VA_ARGS__)
#define dispatch_get_main_queue() (&_dispatch_main_q)
@class NSString, NSArray, NSDictionary, NSError, NSData, NSNumber, NSURL, NSMethodSignature, NSInvocation, NSSet, NSNull, NSDate;
typedef struct dispatch_queue_s *dispatch_queue_t;
typedef void (^dispatch_block_t)(void);
typedef uint64_t dispatch_time_t;
typedef long dispatch_once_t;
extern struct dispatch_queue_s _dispatch_main_q;
void dispatch_async(dispatch_queue_t queue, dispatch_block_t block);
void dispatch_sync(dispatch_queue_t queue, dispatch_block_t block);
void dispatch_after(dispatch_time_t when, dispatch_queue_t queue, dispatch_block_t block);
void dispatch_once(dispatch_once_t *predicate, dispatch_block_t block);
dispatch_queue_t dispatch_queue_create(const char *label, void *attr);
dispatch_queue_t dispatch_get_global_queue(long identifier, unsigned long flags);
dispatch_time_t dispatch_time(dispatch_time_t when, int64_t delta);
#define DISPATCH_TIME_NOW (0ull)
#define NSEC_PER_SEC 1000000000ull
#define DISPATCH_QUEUE_SERIAL NULL
#define DISPATCH_QUEUE_PRIORITY_DEFAULT 0
void NSLogv_(NSString *format, ...);
NSString *NSStringFromClass(Class c);
NSString *NSStringFromSelector(SEL s);
Class NSClassFromString(NSString *s);
SEL NSSelectorFromString(NSString *s);

@protocol NSObject
- (BOOL)isEqual:(id)object;
- (BOOL)isKindOfClass:(Class)aClass;
- (BOOL)respondsToSelector:(SEL)aSelector;
- (BOOL)conformsToProtocol:(Protocol *)p;
- (id)performSelector:(SEL)aSelector;
- (id)performSelector:(SEL)aSelector withObject:(id)o;
@property (readonly) NSUInteger hash;
@property (readonly, copy) NSString *description;
@end
@protocol NSCopying
- (id)copyWithZone:(void *)zone;
@end
@protocol NSMutableCopying
- (id)mutableCopyWithZone:(void *)zone;
@end
@protocol NSCoding
@end
@protocol NSFastEnumeration
- (NSUInteger)countByEnumeratingWithState:(void *)state objects:(id __unsafe_unretained [])buffer count:(NSUInteger)len;
@end

__attribute__((objc_root_class))
@interface NSObject <NSObject> { Class isa; }
+ (instancetype)alloc;
+ (instancetype)allocWithZone:(NSZone *)zone;
+ (instancetype)new;
+ (Class)class;
- (instancetype)init;
- (id)copy;
- (id)mutableCopy;
- (Class)class;
+ (BOOL)instancesRespondToSelector:(SEL)s;
- (void)setValue:(id)value forKey:(NSString *)key;
- (id)valueForKey:(NSString *)key;
- (void)performSelectorOnMainThread:(SEL)s withObject:(id)o waitUntilDone:(BOOL)w;
- (void)dealloc;
@end

@interface NSString : NSObject <NSCopying, NSMutableCopying>
+ (instancetype)stringWithFormat:(NSString *)format, ...;
+ (instancetype)stringWithString:(NSString *)s;
+ (instancetype)stringWithUTF8String:(const char *)s;
- (instancetype)initWithFormat:(NSString *)format, ...;
- (instancetype)initWithData:(NSData *)data encoding:(NSUInteger)encoding;
- (instancetype)initWithUTF8String:(const char *)s;
- (NSString *)stringByAppendingString:(NSString *)other;
- (NSString *)stringByAppendingFormat:(NSString *)format, ...;
- (NSString *)stringByReplacingOccurrencesOfString:(NSString *)a withString:(NSString *)b;
- (NSData *)dataUsingEncoding:(NSUInteger)encoding;
- (BOOL)isEqualToString:(NSString *)other;
- (BOOL)hasPrefix:(NSString *)p;
- (BOOL)hasSuffix:(NSString *)p;
- (NSArray *)componentsSeparatedByString:(NSString *)s;
- (NSString *)substringFromIndex:(NSUInteger)i;
- (NSString *)substringToIndex:(NSUInteger)i;
- (NSRange)rangeOfString:(NSString *)s;
- (NSString *)lowercaseString;
- (NSString *)uppercaseString;
@property (readonly) NSUInteger length;
@property (readonly) const char *UTF8String;
@property (readonly) NSInteger integerValue;
@property (readonly) int intValue;
@property (readonly) long long longLongValue;
@property (readonly) double doubleValue;
@property (readonly) float floatValue;
@property (readonly) BOOL boolValue;
@end
@interface NSMutableString : NSString
+ (instancetype)string;
- (void)appendString:(NSString *)s;
- (void)appendFormat:(NSString *)format, ...;
@end
#define NSUTF8StringEncoding 4

@interface NSValue : NSObject <NSCopying>
@end
@interface NSNumber : NSValue
+ (NSNumber *)numberWithInt:(int)v;
+ (NSNumber *)numberWithUnsignedInt:(unsigned int)v;
+ (NSNumber *)numberWithInteger:(NSInteger)v;
+ (NSNumber *)numberWithUnsignedInteger:(NSUInteger)v;
+ (NSNumber *)numberWithLong:(long)v;
+ (NSNumber *)numberWithUnsignedLong:(unsigned long)v;
+ (NSNumber *)numberWithLongLong:(long long)v;
+ (NSNumber *)numberWithUnsignedLongLong:(unsigned long long)v;
+ (NSNumber *)numberWithBool:(BOOL)v;
+ (NSNumber *)numberWithChar:(char)v;
+ (NSNumber *)numberWithUnsignedChar:(unsigned char)v;
+ (NSNumber *)numberWithShort:(short)v;
+ (NSNumber *)numberWithUnsignedShort:(unsigned short)v;
+ (NSNumber *)numberWithFloat:(float)v;
+ (NSNumber *)numberWithDouble:(double)v;
@property (readonly) int intValue;
@property (readonly) unsigned int unsignedIntValue;
@property (readonly) NSInteger integerValue;
@property (readonly) NSUInteger unsignedIntegerValue;
@property (readonly) long longValue;
@property (readonly) long long longLongValue;
@property (readonly) unsigned long long unsignedLongLongValue;
@property (readonly) unsigned long unsignedLongValue;
@property (readonly) BOOL boolValue;
@property (readonly) float floatValue;
@property (readonly) double doubleValue;
@property (readonly) char charValue;
@property (readonly) NSString *stringValue;
@end
@interface NSNull : NSObject
+ (NSNull *)null;
@end
@interface NSData : NSObject <NSCopying>
+ (instancetype)dataWithBytes:(const void *)bytes length:(NSUInteger)length;
+ (instancetype)dataWithContentsOfURL:(NSURL *)url;
- (instancetype)initWithBase64EncodedString:(NSString *)s options:(NSUInteger)o;
- (NSString *)base64EncodedStringWithOptions:(NSUInteger)o;
@property (readonly) NSUInteger length;
@property (readonly) const void *bytes;
@end
@interface NSMutableData : NSData
@end
@interface NSArray<ObjectType> : NSObject <NSCopying, NSMutableCopying, NSFastEnumeration>
+ (instancetype)array;
+ (instancetype)arrayWithObjects:(const ObjectType [])objects count:(NSUInteger)cnt;
+ (instancetype)arrayWithObject:(ObjectType)o;
+ (instancetype)arrayWithArray:(NSArray *)a;
- (ObjectType)objectAtIndex:(NSUInteger)i;
- (ObjectType)objectAtIndexedSubscript:(NSUInteger)i;
- (BOOL)containsObject:(ObjectType)o;
- (NSUInteger)indexOfObject:(ObjectType)o;
- (NSArray *)arrayByAddingObject:(ObjectType)o;
- (void)enumerateObjectsUsingBlock:(void (^)(ObjectType obj, NSUInteger idx, BOOL *stop))block;
@property (readonly) NSUInteger count;
@property (readonly) ObjectType firstObject;
@property (readonly) ObjectType lastObject;
@end
@interface NSMutableArray<ObjectType> : NSArray<ObjectType>
+ (instancetype)arrayWithCapacity:(NSUInteger)n;
- (instancetype)initWithCapacity:(NSUInteger)n;
- (void)addObject:(ObjectType)o;
- (void)addObjectsFromArray:(NSArray *)a;
- (void)removeObject:(ObjectType)o;
- (void)removeObjectAtIndex:(NSUInteger)i;
- (void)removeAllObjects;
- (void)insertObject:(ObjectType)o atIndex:(NSUInteger)i;
- (void)setObject:(ObjectType)o atIndexedSubscript:(NSUInteger)i;
@end
@interface NSDictionary<KeyType, ObjectType> : NSObject <NSCopying, NSMutableCopying, NSFastEnumeration>
+ (instancetype)dictionary;
+ (instancetype)dictionaryWithObjects:(const ObjectType [])objects forKeys:(const KeyType [])keys count:(NSUInteger)cnt;
+ (instancetype)dictionaryWithDictionary:(NSDictionary *)d;
- (ObjectType)objectForKey:(KeyType)key;
- (ObjectType)objectForKeyedSubscript:(KeyType)key;
- (ObjectType)valueForKey:(NSString *)key;
- (void)enumerateKeysAndObjectsUsingBlock:(void (^)(KeyType key, ObjectType obj, BOOL *stop))block;
@property (readonly) NSUInteger count;
@property (readonly, copy) NSArray<KeyType> *allKeys;
@property (readonly, copy) NSArray<ObjectType> *allValues;
@end
@interface NSMutableDictionary<KeyType, ObjectType> : NSDictionary<KeyType, ObjectType>
+ (instancetype)dictionaryWithCapacity:(NSUInteger)n;
- (instancetype)initWithCapacity:(NSUInteger)n;
- (void)setObject:(ObjectType)o forKey:(KeyType)k;
- (void)setObject:(ObjectType)o forKeyedSubscript:(KeyType)k;
- (void)setValue:(ObjectType)o forKey:(NSString *)k;
- (void)removeObjectForKey:(KeyType)k;
- (void)addEntriesFromDictionary:(NSDictionary *)d;
@end
@interface NSSet<ObjectType> : NSObject <NSFastEnumeration>
+ (instancetype)setWithArray:(NSArray *)a;
+ (instancetype)setWithObjects:(ObjectType)first, ...;
@end
@interface NSMutableSet<ObjectType> : NSSet<ObjectType>
- (void)addObject:(ObjectType)o;
@end
@interface NSError : NSObject
+ (instancetype)errorWithDomain:(NSString *)domain code:(NSInteger)code userInfo:(NSDictionary *)userInfo;
@property (readonly) NSInteger code;
@property (readonly, copy) NSString *domain;
@property (readonly, copy) NSString *localizedDescription;
@property (readonly, copy) NSDictionary *userInfo;
@end
@interface NSURL : NSObject
+ (instancetype)URLWithString:(NSString *)string;
+ (instancetype)fileURLWithPath:(NSString *)path;
@property (readonly, copy) NSString *absoluteString;
@property (readonly, copy) NSString *path;
@end
@interface NSURLRequest : NSObject
+ (instancetype)requestWithURL:(NSURL *)url;
@end
@interface NSURLSessionTask : NSObject
- (void)resume;
@end
@interface NSURLSession : NSObject
+ (NSURLSession *)sharedSession;
- (NSURLSessionTask *)dataTaskWithURL:(NSURL *)url completionHandler:(void (^)(NSData *data, id response, NSError *error))handler;
@end
@interface NSDate : NSObject
+ (instancetype)date;
@property (readonly) NSTimeInterval timeIntervalSince1970;
@end
@interface NSBundle : NSObject
+ (NSBundle *)mainBundle;
- (NSString *)pathForResource:(NSString *)name ofType:(NSString *)ext;
@end
@interface NSNotification : NSObject
@property (readonly, copy) NSString *name;
@property (readonly) id object;
@property (readonly, copy) NSDictionary *userInfo;
@end
@interface NSNotificationCenter : NSObject
+ (NSNotificationCenter *)defaultCenter;
- (void)addObserver:(id)o selector:(SEL)s name:(NSString *)n object:(id)obj;
- (void)removeObserver:(id)o;
- (void)postNotificationName:(NSString *)n object:(id)o userInfo:(NSDictionary *)u;
@end
@interface NSThread : NSObject
+ (BOOL)isMainThread;
@end
@interface NSJSONSerialization : NSObject
+ (NSData *)dataWithJSONObject:(id)obj options:(NSUInteger)opt error:(NSError **)error;
+ (id)JSONObjectWithData:(NSData *)data options:(NSUInteger)opt error:(NSError **)error;
@end
@interface NSUUID : NSObject
+ (instancetype)UUID;
@property (readonly, copy) NSString *UUIDString;
@end
@interface NSLock : NSObject
- (void)lock;
- (void)unlock;
@end
@interface NSOperationQueue : NSObject
+ (NSOperationQueue *)mainQueue;
- (void)addOperationWithBlock:(void (^)(void))block;
@end
@interface NSFileManager : NSObject
+ (NSFileManager *)defaultManager;
- (BOOL)fileExistsAtPath:(NSString *)path;
@end
